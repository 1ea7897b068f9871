package hostabi

import "fmt"

// This file holds the messages of the fs_* host imports (docs/abi.md,
// "Host imports"). Every path is absolute; the host resolves it and checks
// it against the plugin's capabilities before acting.

// FileType is the type of a file in [StatResponse] and [DirEntry].
type FileType uint32

// The file types.
const (
	// FileRegular is a regular file.
	FileRegular FileType = 1
	// FileDir is a directory.
	FileDir FileType = 2
	// FileSymlink is a symbolic link (seen only without following it).
	FileSymlink FileType = 3
	// FileOther is anything else: a device, pipe or socket.
	FileOther FileType = 4
)

// String returns "file", "dir", "symlink", "other" or "FileType(N)".
func (t FileType) String() string {
	switch t {
	case FileRegular:
		return "file"
	case FileDir:
		return "dir"
	case FileSymlink:
		return "symlink"
	case FileOther:
		return "other"
	}
	return fmt.Sprintf("FileType(%d)", uint32(t))
}

// StatRequest is the request of fs_stat (needs fs.read).
type StatRequest struct {
	// Path is the file (tag 1).
	Path string
	// NoFollow describes a final symlink itself, as lstat does (tag 2).
	NoFollow bool
}

// StatResponse is the response of fs_stat. A missing file is the error
// [CodeNotFound], not a response.
type StatResponse struct {
	// Type is the file type (tag 1, required).
	Type FileType
	// Mode holds the permission bits and setuid, setgid and sticky, as in
	// chmod: at most 0o7777 (tag 2).
	Mode uint32
	// Size is the size in bytes (tag 3).
	Size uint64
	// MtimeNS is the modification time in Unix nanoseconds (tag 4).
	MtimeNS int64
	// UID is the owner's numeric id (tag 5).
	UID uint32
	// GID is the group's numeric id (tag 6).
	GID uint32
	// User is the owner's name, or "" if the host cannot name it (tag 7).
	User string
	// Group is the group's name, or "" (tag 8).
	Group string
}

// String renders a stat for messages and tests: type, mode, size, mtime,
// owner and group.
func (m *StatResponse) String() string {
	return fmt.Sprintf("%s mode %#o size %d mtime %d owner %d(%s) group %d(%s)", m.Type, m.Mode, m.Size, m.MtimeNS, m.UID, m.User, m.GID, m.Group)
}

// ReadRequest is the request of fs_read (needs fs.read).
type ReadRequest struct {
	// Path is the file (tag 1).
	Path string
	// Offset is where to start reading (tag 2).
	Offset uint64
	// Limit is the most bytes to return; 0 means [MaxStringLen] (tag 3).
	Limit uint64
	// WantStat asks for the file's stat in the response, taken on the
	// file the host opened, which saves the guest an fs_stat (tag 4).
	WantStat bool
}

// ReadResponse is the response of fs_read.
type ReadResponse struct {
	// Data are the bytes read (tag 1).
	Data []byte
	// EOF says the read reached the end of the file (tag 2).
	EOF bool
	// Stat is the file's stat when the request asked for it; nil from a
	// host that does not give it (tag 3).
	Stat *StatResponse
}

// WriteAtomicRequest is the request of fs_write_atomic (needs fs.write):
// the host writes Data to a temporary file in the same directory and
// renames it over Path, so readers see the old or the new content only.
type WriteAtomicRequest struct {
	// Path is the file (tag 1).
	Path string
	// Data is the whole new content (tag 2).
	Data []byte
	// Mode is the permission bits; 0 keeps an existing file's mode or
	// gives a new file 0o644 (tag 3).
	Mode uint32
	// Sync flushes the file and its directory to disk before returning
	// (tag 4).
	Sync bool
	// WantStat asks for the stat of the file written as the response (a
	// StatResponse), which saves the guest an fs_stat after the write;
	// without it the response is empty (tag 5).
	WantStat bool
}

// MkdirRequest is the request of fs_mkdir (needs fs.write).
type MkdirRequest struct {
	// Path is the directory (tag 1).
	Path string
	// Mode is the permission bits; 0 means 0o755 (tag 2).
	Mode uint32
	// Parents creates missing parents and succeeds if the directory
	// exists, as mkdir -p does (tag 3).
	Parents bool
}

// RemoveRequest is the request of fs_remove (needs fs.write). A final
// symlink is removed, not followed.
type RemoveRequest struct {
	// Path is the file or directory (tag 1).
	Path string
	// Recursive removes a directory with its contents (tag 2).
	Recursive bool
}

// RenameRequest is the request of fs_rename (needs fs.write on both
// paths).
type RenameRequest struct {
	// From is the existing path (tag 1).
	From string
	// To is the new path, replaced if it exists (tag 2).
	To string
}

// ChmodRequest is the request of fs_chmod (needs fs.write).
type ChmodRequest struct {
	// Path is the file (tag 1).
	Path string
	// Mode is the new permission bits, at most 0o7777 (tag 2).
	Mode uint32
}

// ChownRequest is the request of fs_chown (needs fs.write).
type ChownRequest struct {
	// Path is the file (tag 1).
	Path string
	// Owner is a user name or a decimal uid; "" leaves it (tag 2).
	Owner string
	// Group is a group name or a decimal gid; "" leaves it (tag 3).
	Group string
	// NoFollow changes a final symlink itself, as lchown does (tag 4).
	NoFollow bool
}

// ReaddirRequest is the request of fs_readdir (needs fs.read).
type ReaddirRequest struct {
	// Path is the directory (tag 1).
	Path string
}

// ReaddirResponse is the response of fs_readdir.
type ReaddirResponse struct {
	// Entries are the directory's entries, sorted by name (bytewise,
	// strictly increasing), without "." and ".." (tag 1, repeated).
	Entries []DirEntry
}

// DirEntry is one entry of a [ReaddirResponse].
type DirEntry struct {
	// Name is the entry's name (tag 1, required).
	Name string
	// Type is its type, without following a symlink (tag 2).
	Type FileType
}

// SymlinkRequest is the request of fs_symlink (needs fs.write on Path;
// Target is stored as given and checked only when something follows it).
type SymlinkRequest struct {
	// Target is the link's content (tag 1).
	Target string
	// Path is where to create the link (tag 2).
	Path string
}

// ReadlinkRequest is the request of fs_readlink (needs fs.read).
type ReadlinkRequest struct {
	// Path is the link (tag 1).
	Path string
}

// ReadlinkResponse is the response of fs_readlink.
type ReadlinkResponse struct {
	// Target is the link's content (tag 1).
	Target string
}

func (m *StatRequest) encode(e *Encoder) {
	e.strField(1, m.Path)
	e.boolField(2, m.NoFollow)
}

func (m *StatRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Path)
	case 2:
		return f.boolean(&m.NoFollow)
	}
	return f.skip()
}

func (m *StatResponse) encode(e *Encoder) {
	e.uintField(1, uint64(m.Type))
	e.uintField(2, uint64(m.Mode))
	e.uintField(3, m.Size)
	e.intField(4, m.MtimeNS)
	e.uintField(5, uint64(m.UID))
	e.uintField(6, uint64(m.GID))
	e.strField(7, m.User)
	e.strField(8, m.Group)
}

func (m *StatResponse) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.fileType(&m.Type)
	case 2:
		return f.unsigned32(&m.Mode)
	case 3:
		return f.unsigned(&m.Size, 1<<64-1)
	case 4:
		return f.signed(&m.MtimeNS)
	case 5:
		return f.unsigned32(&m.UID)
	case 6:
		return f.unsigned32(&m.GID)
	case 7:
		return f.str(&m.User)
	case 8:
		return f.str(&m.Group)
	}
	return f.skip()
}

func (m *StatResponse) validate() string {
	if m.Type == 0 {
		return "stat without a file type"
	}
	return ""
}

// fileType reads a singular FileType field.
func (f *field) fileType(p *FileType) error {
	var u uint32
	err := f.unsigned32(&u)
	*p = FileType(u)
	return err
}

func (m *ReadRequest) encode(e *Encoder) {
	e.strField(1, m.Path)
	e.uintField(2, m.Offset)
	e.uintField(3, m.Limit)
	e.boolField(4, m.WantStat)
}

func (m *ReadRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Path)
	case 2:
		return f.unsigned(&m.Offset, 1<<64-1)
	case 3:
		return f.unsigned(&m.Limit, 1<<64-1)
	case 4:
		return f.boolean(&m.WantStat)
	}
	return f.skip()
}

func (m *ReadResponse) encode(e *Encoder) {
	e.bytesField(1, m.Data)
	e.boolField(2, m.EOF)
	if m.Stat != nil {
		e.msgField(3, m.Stat)
	}
}

func (m *ReadResponse) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.bytes(&m.Data)
	case 2:
		return f.boolean(&m.EOF)
	case 3:
		m.Stat = &StatResponse{}
		return f.msg(m.Stat)
	}
	return f.skip()
}

func (m *WriteAtomicRequest) encode(e *Encoder) {
	e.strField(1, m.Path)
	e.bytesField(2, m.Data)
	e.uintField(3, uint64(m.Mode))
	e.boolField(4, m.Sync)
	e.boolField(5, m.WantStat)
}

func (m *WriteAtomicRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Path)
	case 2:
		return f.bytes(&m.Data)
	case 3:
		return f.unsigned32(&m.Mode)
	case 4:
		return f.boolean(&m.Sync)
	case 5:
		return f.boolean(&m.WantStat)
	}
	return f.skip()
}

func (m *MkdirRequest) encode(e *Encoder) {
	e.strField(1, m.Path)
	e.uintField(2, uint64(m.Mode))
	e.boolField(3, m.Parents)
}

func (m *MkdirRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Path)
	case 2:
		return f.unsigned32(&m.Mode)
	case 3:
		return f.boolean(&m.Parents)
	}
	return f.skip()
}

func (m *RemoveRequest) encode(e *Encoder) {
	e.strField(1, m.Path)
	e.boolField(2, m.Recursive)
}

func (m *RemoveRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Path)
	case 2:
		return f.boolean(&m.Recursive)
	}
	return f.skip()
}

func (m *RenameRequest) encode(e *Encoder) {
	e.strField(1, m.From)
	e.strField(2, m.To)
}

func (m *RenameRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.From)
	case 2:
		return f.str(&m.To)
	}
	return f.skip()
}

func (m *ChmodRequest) encode(e *Encoder) {
	e.strField(1, m.Path)
	e.uintField(2, uint64(m.Mode))
}

func (m *ChmodRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Path)
	case 2:
		return f.unsigned32(&m.Mode)
	}
	return f.skip()
}

func (m *ChownRequest) encode(e *Encoder) {
	e.strField(1, m.Path)
	e.strField(2, m.Owner)
	e.strField(3, m.Group)
	e.boolField(4, m.NoFollow)
}

func (m *ChownRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Path)
	case 2:
		return f.str(&m.Owner)
	case 3:
		return f.str(&m.Group)
	case 4:
		return f.boolean(&m.NoFollow)
	}
	return f.skip()
}

func (m *ReaddirRequest) encode(e *Encoder) { e.strField(1, m.Path) }

func (m *ReaddirRequest) decodeField(f *field) error {
	if f.tag == 1 {
		return f.str(&m.Path)
	}
	return f.skip()
}

func (m *ReaddirResponse) encode(e *Encoder) {
	for i := range m.Entries {
		e.msgField(1, &m.Entries[i])
	}
}

func (m *ReaddirResponse) decodeField(f *field) error {
	if f.tag == 1 {
		return f.msgElem(elem(&m.Entries))
	}
	return f.skip()
}

func (m *ReaddirResponse) validate() string {
	for i := 1; i < len(m.Entries); i++ {
		if m.Entries[i].Name <= m.Entries[i-1].Name {
			return fmt.Sprintf("directory entry %q out of order or repeated", m.Entries[i].Name)
		}
	}
	return ""
}

func (m *DirEntry) encode(e *Encoder) {
	e.strField(1, m.Name)
	e.uintField(2, uint64(m.Type))
}

func (m *DirEntry) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Name)
	case 2:
		return f.fileType(&m.Type)
	}
	return f.skip()
}

func (m *DirEntry) validate() string {
	if m.Name == "" {
		return "directory entry without a name"
	}
	return ""
}

func (m *SymlinkRequest) encode(e *Encoder) {
	e.strField(1, m.Target)
	e.strField(2, m.Path)
}

func (m *SymlinkRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Target)
	case 2:
		return f.str(&m.Path)
	}
	return f.skip()
}

func (m *ReadlinkRequest) encode(e *Encoder) { e.strField(1, m.Path) }

func (m *ReadlinkRequest) decodeField(f *field) error {
	if f.tag == 1 {
		return f.str(&m.Path)
	}
	return f.skip()
}

func (m *ReadlinkResponse) encode(e *Encoder) { e.strField(1, m.Target) }

func (m *ReadlinkResponse) decodeField(f *field) error {
	if f.tag == 1 {
		return f.str(&m.Target)
	}
	return f.skip()
}
