package main

// The example plugins written in C, WAT, Rust and AssemblyScript
// (examples/plugins/{c-text,wat-noop,rust-lines,as-hostname}), built by
// `make langs` (mk/langs.mk; `make test` builds them first): each is
// installed with `mgmt plugin install` into a store of the test's own, and
// its kind is used from a YAML graph and from an mcl program run by the
// real binary, checking what it did on disk or said in the log, and that it
// repairs drift while mgmt runs.

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/internal/testwasm"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

// langPlugin is one example plugin and how to use its kind.
type langPlugin struct {
	lang, name string // the language; the plugin's folder and file name
	// fsGrant: the kind writes files, so install grants fs.read and
	// fs.write on the test's directory.
	fsGrant bool
	// yaml and mcl declare one resource named "r" writing dir/out (D is
	// replaced by the directory).
	yaml, mcl string
	// want is what dir/out holds once converged ("" for a kind that writes
	// nothing); mode its permission bits.
	want string
	mode fs.FileMode
	// log is a line the run must log ("" for none).
	log string
	// drift damages the converged file; the running mgmt must undo it.
	drift func(t *testing.T, path string)
}

// testHostname is the --hostname of every run (what as-hostname writes).
const testHostname = "lang-node"

var langPlugins = []langPlugin{
	{
		lang: "C", name: "c-text", fsGrant: true,
		yaml: "  ctext:\n  - name: r\n    path: \"{{D}}/out\"\n    content: \"written by C\\n\"\n",
		mcl:  "ctext \"r\" {\n\tpath => \"{{D}}/out\",\n\tcontent => \"written by C\\n\",\n}\n",
		want: "written by C\n", mode: 0o644,
		drift: func(t *testing.T, path string) { writeFile(t, path, "drifted") },
	},
	{
		lang: "WAT", name: "wat-noop",
		yaml: "  watnoop:\n  - name: r\n    comment: the smallest plugin\n",
		mcl:  "watnoop \"r\" {\n\tcomment => \"the smallest plugin\",\n}\n",
		log:  "watnoop[r]: converged, says the WAT plugin",
	},
	{
		lang: "Rust", name: "rust-lines", fsGrant: true,
		yaml: "  rustlines:\n  - name: r\n    path: \"{{D}}/out\"\n    lines: [one, two, three]\n    mode: \"0640\"\n",
		mcl:  "rustlines \"r\" {\n\tpath => \"{{D}}/out\",\n\tlines => [\"one\", \"two\", \"three\"],\n\tmode => \"0640\",\n}\n",
		want: "one\ntwo\nthree\n", mode: 0o640,
		drift: func(t *testing.T, path string) {
			writeFile(t, path, "one\n")
			if err := os.Chmod(path, 0o600); err != nil {
				t.Fatal(err)
			}
		},
	},
	{
		lang: "AssemblyScript", name: "as-hostname", fsGrant: true,
		yaml: "  ashostname:\n  - name: r\n    path: \"{{D}}/out\"\n    prefix: \"node: \"\n",
		mcl:  "ashostname \"r\" {\n\tpath => \"{{D}}/out\",\n\tprefix => \"node: \",\n}\n",
		want: "node: " + testHostname + "\n", mode: 0o644,
		drift: func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		},
	},
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// builtWasm returns the path of the plugin make built, failing (not
// skipping: CI builds them) when it is not there.
func builtWasm(t testing.TB, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "examples", "plugins", name, "dist", name+".wasm"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s is not built (%v): run `make langs` (or `make test`, which builds it) first", p, err)
	}
	return p
}

// installLang installs the plugin into a new store and returns the store.
// A plugin that writes files is granted dir only.
func installLang(t *testing.T, lp langPlugin, dir string) string {
	t.Helper()
	store := filepath.Join(t.TempDir(), "store")
	args := []string{"plugin", "--store", store, "install", builtWasm(t, lp.name)}
	if lp.fsGrant {
		args = append(args, "--allow", "fs.read:"+dir, "--allow", "fs.write:"+dir)
	}
	r := runMgmt(t, args...)
	requireExit(t, r, 0)
	if !strings.Contains(r.stdout, "installed "+lp.name) {
		t.Fatalf("install output:\n%s", r.stdout)
	}
	return store
}

// graphFile writes the YAML graph or the mcl program of lp into dir.
func graphFile(t *testing.T, lp langPlugin, dir, front string) string {
	t.Helper()
	if front == "yaml" {
		return writeYAML(t, dir, "graph.yaml", "graph: "+lp.name+"\nresources:\n"+lp.yaml)
	}
	return writeYAML(t, dir, "main.mcl", lp.mcl)
}

// checkResult checks what a converged run of lp left in dir and logged.
func checkResult(t *testing.T, lp langPlugin, dir, stderr string) {
	t.Helper()
	if lp.want != "" {
		requireFile(t, filepath.Join(dir, "out"), lp.want, lp.mode)
	}
	if lp.log != "" && !strings.Contains(stderr, lp.log) {
		t.Errorf("the log lacks %q:\n%s", lp.log, stderr)
	}
}

// Each example plugin, installed, runs its kind from a YAML graph and from
// an mcl program to convergence, with the effect its source promises.
func TestLangPluginsConverge(t *testing.T) {
	for _, lp := range langPlugins {
		for _, front := range []string{"yaml", "lang"} {
			t.Run(lp.lang+"/"+front, func(t *testing.T) {
				dir := t.TempDir()
				store := installLang(t, lp, dir)
				file := graphFile(t, lp, dir, front)
				r := runMgmt(t, "run", "--plugin-store", store, "--hostname", testHostname, "--tmp-prefix",
					"--converged-exit", "--converger-timeout", "0", front, file)
				requireExit(t, r, 0)
				if !strings.Contains(r.stderr, "plugin loaded") || !strings.Contains(r.stderr, "plugin="+lp.name) {
					t.Errorf("the plugin did not load:\n%s", r.stderr)
				}
				checkResult(t, lp, dir, r.stderr)
			})
		}
	}
}

// A running mgmt repairs what is done to the file of a plugin's resource
// behind its back: the plugin's watch fires and its apply writes it again.
func TestLangPluginsRepairDrift(t *testing.T) {
	for _, lp := range langPlugins {
		if lp.drift == nil {
			continue
		}
		for _, front := range []string{"yaml", "lang"} {
			t.Run(lp.lang+"/"+front, func(t *testing.T) {
				dir := t.TempDir()
				store := installLang(t, lp, dir)
				file := graphFile(t, lp, dir, front)
				p := start(t, "run", "--plugin-store", store, "--hostname", testHostname, "--tmp-prefix", front, file)
				out := filepath.Join(dir, "out")
				waitFile(t, p, out, lp.want, lp.mode)
				lp.drift(t, out)
				waitFile(t, p, out, lp.want, lp.mode)
				p.stop()
			})
		}
	}
}

// The SDKs report a param the kind's validate refuses, naming the resource,
// and the plugins' writes outside their grant are denied.
func TestLangPluginsErrors(t *testing.T) {
	for _, lp := range langPlugins {
		if !lp.fsGrant {
			continue
		}
		t.Run(lp.lang+"/relative", func(t *testing.T) {
			dir := t.TempDir()
			store := installLang(t, lp, dir)
			yml := writeYAML(t, dir, "graph.yaml", "graph: bad\nresources:\n"+
				strings.Replace(lp.yaml, `"{{D}}/out"`, "relative/out", 1))
			r := runMgmt(t, "run", "--plugin-store", store, "--tmp-prefix", "--converged-exit", "--converger-timeout", "0", "yaml", yml)
			requireFailed(t, r)
			if !strings.Contains(r.stderr, "is not absolute") {
				t.Errorf("stderr lacks the validate error:\n%s", r.stderr)
			}
		})
		t.Run(lp.lang+"/denied", func(t *testing.T) {
			dir, other := t.TempDir(), t.TempDir()
			store := installLang(t, lp, dir)
			yml := writeYAML(t, other, "graph.yaml", "graph: outside\nresources:\n"+lp.yaml)
			r := runMgmt(t, "run", "--plugin-store", store, "--tmp-prefix", "--converged-exit", "--converger-timeout", "0", "yaml", yml)
			requireFailed(t, r)
			if !strings.Contains(r.stderr, "[r]") || !strings.Contains(r.stderr, "denied") {
				t.Errorf("stderr lacks the denied error of the resource:\n%s", r.stderr)
			}
			requireAbsent(t, filepath.Join(other, "out"))
		})
	}
}

// BenchmarkLangPluginCheck measures one check verb of each example's kind on
// a converged resource, through the sandboxed host and the real host imports
// once compiled (the Go example go-hello for comparison): decoding the request, the host
// imports the check makes, encoding the response.
func BenchmarkLangPluginCheck(b *testing.B) {
	dir := b.TempDir()
	out := filepath.Join(dir, "out")
	cases := []struct {
		lang, kind string
		wasm       func(b *testing.B) string
		params     map[string]hostabi.Value
		content    string
	}{
		{"C", "ctext", func(b *testing.B) string { return builtWasm(b, "c-text") },
			map[string]hostabi.Value{"path": hostabi.StrValue(out), "content": hostabi.StrValue("x\n")}, "x\n"},
		{"WAT", "watnoop", func(b *testing.B) string { return builtWasm(b, "wat-noop") },
			map[string]hostabi.Value{}, ""},
		{"Rust", "rustlines", func(b *testing.B) string { return builtWasm(b, "rust-lines") },
			map[string]hostabi.Value{"path": hostabi.StrValue(out), "lines": &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr), Items: []hostabi.Value{hostabi.StrValue("x")}}}, "x\n"},
		{"AssemblyScript", "ashostname", func(b *testing.B) string { return builtWasm(b, "as-hostname") },
			map[string]hostabi.Value{"path": hostabi.StrValue(out)}, testHostname + "\n"},
		{"Go", "hello", func(b *testing.B) string {
			return testwasm.BuildGo(b, filepath.Join("..", "..", "examples", "plugins", "go-hello"))
		}, map[string]hostabi.Value{"msg": hostabi.StrValue("x\n"), "path": hostabi.StrValue(out)}, "x\n"},
	}
	for _, c := range cases {
		b.Run(c.lang, func(b *testing.B) {
			ctx := context.Background()
			code, err := os.ReadFile(c.wasm(b))
			if err != nil {
				b.Fatal(err)
			}
			h, err := wasmhost.New(ctx, wasmhost.Config{CacheDir: filepath.Join(b.TempDir(), "cache")},
				hostfuncs.Define(hostfuncs.Env{Hostname: testHostname}))
			if err != nil {
				b.Fatal(err)
			}
			defer h.Close(ctx)
			m, err := h.Load(ctx, c.lang, code)
			if err != nil {
				b.Fatal(err)
			}
			if err := m.WaitCompiled(ctx); err != nil { // not the quick-start interpreter
				b.Fatal(err)
			}
			caps, err := hostabi.ParseCapabilities([]string{"fs.read:" + dir, "fs.write:" + dir})
			if err != nil {
				b.Fatal(err)
			}
			if c.kind == "watnoop" {
				caps = nil
			}
			p, err := wasmres.Load(ctx, m, nil, caps)
			if err != nil {
				b.Fatal(err)
			}
			if c.content != "" {
				if err := os.WriteFile(out, []byte(c.content), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			res, err := p.New(c.kind, "r", c.params)
			if err != nil {
				b.Fatal(err)
			}
			if err := res.Validate(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				ok, err := res.CheckApply(ctx, false)
				if err != nil || !ok {
					b.Fatalf("check: %v, %v; want converged", ok, err)
				}
			}
			b.ReportMetric(float64(len(code)), "module-bytes")
		})
	}
}

// FuzzLangPluginRequests sends arbitrary bytes as validate and check
// requests to each example plugin (the C, Rust and AssemblyScript SDKs'
// decoders, and the WAT module, which ignores them): a plugin answers with a
// response that decodes, carrying an error when the request is not one it
// accepts, and never traps (a trap fails the call). The seeds are valid
// requests of each kind and damaged copies of them. Nothing is granted, so a
// check that gets as far as the file system is denied.
func FuzzLangPluginRequests(f *testing.F) {
	ctx := context.Background()
	h, err := wasmhost.New(ctx, wasmhost.Config{CacheDir: filepath.Join(f.TempDir(), "cache")},
		hostfuncs.Define(hostfuncs.Env{Hostname: testHostname}))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { h.Close(ctx) })
	var mods []*wasmhost.Module
	for _, lp := range langPlugins {
		code, err := os.ReadFile(builtWasm(f, lp.name))
		if err != nil {
			f.Fatal(err)
		}
		m, err := h.Load(ctx, lp.name, code)
		if err != nil {
			f.Fatal(err)
		}
		mods = append(mods, m)
	}
	seed := func(kind, typ string, fields ...hostabi.Value) {
		t, err := hostabi.ParseType(typ)
		if err != nil {
			f.Fatal(err)
		}
		req := hostabi.CheckRequest{ResourceSpec: hostabi.ResourceSpec{Kind: kind, Name: "r",
			Params: &hostabi.StructValue{T: t, Fields: fields}, Unset: []string{t.Fields[0].Name}}}
		b, err := req.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)-3])
		f.Add(append(b[:len(b):len(b)], 0x80))
	}
	s := func(v string) hostabi.Value { return hostabi.StrValue(v) }
	seed("ctext", "struct{path str; content str}", s("/x"), s("y"))
	seed("watnoop", "struct{comment str}", s("c"))
	strs := &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr), Items: []hostabi.Value{s("a"), s("b")}}
	seed("rustlines", "struct{path str; lines []str; mode str}", s("/x"), strs, s("0640"))
	seed("ashostname", "struct{path str; prefix str}", s("/x"), s("p"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, req []byte) {
		for i, m := range mods {
			for _, verb := range []string{"validate", "check"} {
				resp, err := m.Call(ctx, verb, req)
				if err != nil {
					t.Fatalf("%s %s(% x): the call failed: %v", langPlugins[i].name, verb, req, err)
				}
				var r hostabi.CheckResponse
				if err := r.UnmarshalBinary(resp); err != nil {
					t.Fatalf("%s %s(% x): the response % x does not decode: %v", langPlugins[i].name, verb, req, resp, err)
				}
			}
		}
	})
}
