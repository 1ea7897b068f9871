// Package trust signs plugin modules and checks their signatures: ed25519
// over the module's sha256, with keys and signatures in small text files,
// and a trusted-keys file of the public keys whose signatures count.
//
// The formats (docs/plugin-authoring.md, "Signing"), each a text file of
// lines ending in '\n':
//
//	private key  (NAME.key, mode 0600): mgmt-ed25519-key BASE64-SEED
//	public key   (NAME.pub):            mgmt-ed25519-pub BASE64-KEY [COMMENT]
//	signature    (FILE.sig):            mgmt-signature v1
//	                                    key KEYID
//	                                    sha256 HEX-SUM
//	                                    ed25519 BASE64-SIGNATURE
//	trusted keys: public-key lines; blank lines and lines starting with '#' are ignored
//
// BASE64 is standard base64 with padding. A key's id (KEYID) is the first
// 16 hex digits of the sha256 of its 32 public-key bytes. The signed
// message is the bytes of Domain followed by the 32 bytes of the module's
// sha256, so a signature of a plugin cannot be taken for one of anything
// else.
package trust

// Domain prefixes the signed message.
const Domain = "mgmt-wasm plugin sha256 v1\x00"

// message is what is signed for a module whose sha256 is sum.
func message(sum [32]byte) []byte {
	return append([]byte(Domain), sum[:]...)
}
