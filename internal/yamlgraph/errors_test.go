package yamlgraph

import (
	"errors"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// res is the start of a document with a resources section.
const res = "graph: g\nresources:\n"

func TestParseErrors(t *testing.T) {
	laughs := "graph: g\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for i := range 8 {
		name := string(rune('b' + i))
		laughs += name + ": &" + name + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
			", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = name
	}
	for _, c := range []struct {
		name, doc string
		pos       string // LINE:COL
		msg       []string
	}{
		// YAML and the top level
		{"malformed", "graph: g\nresources: [a,\n", "2:12", []string{"sequence end token ']' not found"}},
		{"bad indent", "graph: g\n  resources: x\n", "1:8", []string{"mapping value is not allowed"}},
		{"empty", "", "1:1", []string{"empty document"}},
		{"comments only", "# nothing\n", "1:1", []string{"empty document"}},
		{"top list", "- a\n- b\n", "1:1", []string{"top level must be a map", "a list"}},
		{"top scalar", "hello\n", "1:1", []string{"top level must be a map", `str "hello"`}},
		{"two documents", "graph: a\n---\ngraph: b\n", "3:1", []string{"only one YAML document"}},
		{"unknown key", "graph: g\nresource:\n", "2:1", []string{`unknown key "resource"`, `did you mean "resources"?`}},
		{"non-string key", "graph: g\n1: x\n", "2:1", []string{"expected a string key, not int 1"}},
		{"duplicate key", "graph: g\ngraph: h\n", "2:1", []string{`mapping key "graph" already defined at [1:1]`}},
		{"missing graph", "resources: {}\n", "1:1", []string{"missing graph"}},
		{"empty graph", "graph: \"\"\n", "1:8", []string{"graph must not be empty"}},
		{"null graph", "graph:\n", "1:8", []string{"graph must be a string, not null"}},
		{"list graph", "graph: [a]\n", "1:8", []string{"graph must be a string, not a list"}},
		{"comment map", "graph: g\ncomment: {a: b}\n", "2:10", []string{"comment must be a string"}},
		{"unknown anchor", "graph: *nope\n", "1:8", []string{`unknown anchor "nope"`}},
		{"billion laughs", laughs, "8:16", []string{"aliases expand the document"}},
		{"merge scalar", "graph: g\nx: {<<: 1}\n", "2:9", []string{"a merge key (<<) needs a map or a list of maps, not int 1"}},
		{"bool tag", "graph: !!bool yes\n", "1:8", []string{`!!bool: cannot read str "yes" as a bool`}},
		{"deep", "graph: " + strings.Repeat("[", 1001) + strings.Repeat("]", 1001) + "\n", "1:1007", []string{"nested more than 1000 levels deep"}},
		{"bad tag", "graph: !!binary aGk=\n", "1:8", []string{"unsupported tag !!binary"}},
		{"bad int tag", "graph: g\nresources: {exec: [{name: e, timeout: !!int x}]}\n", "2:39", []string{"!!int: cannot read str \"x\" as an int"}},
		{"big int", res + "  exec:\n  - name: e\n    timeout: 99999999999999999999\n", "5:14", []string{"number 99999999999999999999 is out of range"}},

		// resources
		{"resources list", res + "- a\n", "3:1", []string{"resources must be a map from kind"}},
		{"unknown kind", res + "  fiel:\n  - name: x\n", "3:3", []string{`unknown resource kind "fiel"`}},
		{"kind map", res + "  file: {name: x}\n", "3:9", []string{"the file resources must be a list, not a map"}},
		{"resource scalar", res + "  file:\n  - just a string\n", "4:5", []string{"a file resource must be a map of params", `str "just a string"`}},
		{"no name", res + "  file:\n  - path: /x\n", "4:5", []string{"a file resource has no name"}},
		{"list name", res + "  file:\n  - name: [a]\n", "4:11", []string{"name of a file resource must be a string, not a list"}},
		{"int name", res + "  file:\n  - name: 3\n", "4:11", []string{"must be a string, not int 3"}},
		{"empty name", res + "  file:\n  - name: \"\"\n", "4:11", []string{"name of a file resource must not be empty"}},
		{"unknown param", res + "  file:\n  - name: f\n    conten: x\n", "5:5", []string{`unknown param "conten" for kind file`, `did you mean "content"?`}},
		{"unknown param far", res + "  file:\n  - name: f\n    color: red\n", "5:5", []string{`unknown param "color" for kind file`}},
		{"param type", res + "  exec:\n  - name: e\n    timeout: soon\n", "5:14", []string{"param timeout expects int", "expected int, got str"}},
		{"param list item", res + "  exec:\n  - name: e\n    args: [a, [b]]\n", "5:11", []string{"param args expects []str", "at [1]: expected str, got list"}},
		{"param map key", res + "  exec:\n  - name: e\n    codes: {x: ok}\n", "5:12", []string{"param codes expects map{int: str}", `at ["x"] (key): expected int, got str`}},
		{"param map dup key", res + "  exec:\n  - name: e\n    codes: {1: a, 0x1: b}\n", "5:19", []string{"duplicate key int 1 (first at line 5)"}},
		{"param in quotes", res + "  file:\n  - name: f\n    content: {a: b}\n", "5:14", []string{"param content expects str", "got map"}},
		{"duplicate resource", res + "  file:\n  - name: f\n  - name: g\n  - name: f\n", "6:5", []string{"duplicate resource file[f] (first declared at line 4)"}},
		{"duplicate hidden first", res + "  file:\n  - name: f\n    meta: {hidden: true}\n  - name: f\n  - name: f\n", "7:5", []string{"duplicate resource file[f] (first declared at line 6)"}},
		{"new fails", res + "  noop:\n  - name: fail-new\n", "4:5", []string{"noop[fail-new]: refused by the plugin"}},

		// meta
		{"meta list", res + "  file:\n  - name: f\n    meta: [noop]\n", "5:11", []string{"meta must be a map of metaparams, not a list"}},
		{"meta unknown", res + "  file:\n  - name: f\n    meta:\n      nop: true\n", "6:7", []string{`unknown metaparam "nop"`, `did you mean "noop"?`}},
		{"meta bool", res + "  file:\n  - name: f\n    meta:\n      noop: yes\n", "6:7", []string{"meta noop expects bool", "expected bool, got str"}},
		{"meta int", res + "  file:\n  - name: f\n    meta:\n      retry: 1.5\n", "6:7", []string{"meta retry expects int", "got float 1.5"}},
		{"meta float", res + "  file:\n  - name: f\n    meta:\n      limit: fast\n", "6:7", []string{"meta limit expects float"}},
		{"meta sema type", res + "  file:\n  - name: f\n    meta:\n      sema: lock\n", "6:7", []string{"meta sema expects []str"}},
		{"meta negative delay", res + "  file:\n  - name: f\n    meta:\n      delay: -5\n", "6:7", []string{"meta delay: -5 must not be negative"}},
		{"meta retry range", res + "  file:\n  - name: f\n    meta:\n      noop: true\n      retry: -2\n", "5:5", []string{"meta retry -2: must be -1 (forever) or more"}},
		{"meta limit burst", res + "  file:\n  - name: f\n    meta: {limit: 1}\n", "5:5", []string{"a finite limit needs a positive burst"}},
		{"meta sema value", res + "  file:\n  - name: f\n    meta: {sema: [\"a:0\"]}\n", "5:5", []string{`meta sema "a:0"`}},

		// edges
		{"edges map", "graph: g\nedges: {}\n", "2:8", []string{"edges must be a list, not a map"}},
		{"edge scalar", "graph: g\nedges: [x]\n", "2:9", []string{"edge #1 must be a map with from and to"}},
		{"edge no to", edgeRes + "- name: e1\n  from: {kind: file, name: a}\n", "6:3", []string{"edge e1 has no to"}},
		{"edge no from", edgeRes + "- to: {kind: file, name: a}\n", "6:3", []string{"edge #1 has no from"}},
		{"edge missing", edgeRes + "- name: e1\n  from: {kind: file, name: a}\n  to: {kind: file, name: file3}\n", "8:7", []string{"edge e1: no resource file[file3]"}},
		{"edge missing from", edgeRes + "- {from: {kind: fil, name: a}, to: {kind: file, name: b}}\n", "6:10", []string{"edge #1: no resource fil[a]"}},
		{"edge to hidden", edgeRes + "- {from: {kind: file, name: a}, to: {kind: file, name: h}}\n", "6:37", []string{"edge #1: no resource file[h]"}},
		{"edge unknown key", edgeRes + "- name: e1\n  form: {kind: file, name: a}\n", "7:3", []string{`edge e1: unknown key "form"`, `did you mean "from"?`}},
		{"edge end key", edgeRes + "- {from: {kind: file, nam: a}, to: {kind: file, name: b}}\n", "6:23", []string{`edge #1: unknown key "nam" in from`, `did you mean "name"?`}},
		{"edge recv in from", edgeRes + "- {from: {kind: file, name: a, recv: x}, to: {kind: file, name: b}}\n", "6:32", []string{`unknown key "recv" in from`}},
		{"edge end no kind", edgeRes + "- {from: {name: a}, to: {kind: file, name: b}}\n", "6:10", []string{"edge #1: from has no kind"}},
		{"edge end list", edgeRes + "- {from: [a], to: {kind: file, name: b}}\n", "6:10", []string{"edge #1: from must be a map with kind and name"}},
		{"edge kind int", edgeRes + "- {from: {kind: 1, name: a}, to: {kind: file, name: b}}\n", "6:17", []string{"edge #1: kind must be a string, not int 1"}},
		{"edge name int", edgeRes + "- {name: 5, from: {kind: file, name: a}, to: {kind: file, name: b}}\n", "6:10", []string{"edge #1: name must be a string"}},
		{"edge notify", edgeRes + "- {from: {kind: file, name: a}, to: {kind: file, name: b}, notify: 1}\n", "6:68", []string{"edge #1: notify must be a bool, not int 1"}},
		{"send no recv", edgeRes + "- name: e1\n  from: {kind: exec, name: x, send: output}\n  to: {kind: file, name: a}\n", "7:31", []string{"edge e1: send without recv"}},
		{"recv no send", edgeRes + "- name: e1\n  from: {kind: exec, name: x}\n  to: {kind: file, name: a, recv: content}\n", "8:29", []string{"edge e1: recv without send"}},
		{"send empty", edgeRes + "- {from: {kind: exec, name: x, send: \"\"}, to: {kind: file, name: a, recv: content}}\n", "6:38", []string{`send must be a param name, not str ""`}},
		{"send unknown", edgeRes + "- name: e1\n  from: {kind: exec, name: x, send: outptu}\n  to: {kind: file, name: a, recv: content}\n", "7:37", []string{`edge e1: exec[x] sends no field "outptu"`, `did you mean "output"?`}},
		{"send nothing", edgeRes + "- {from: {kind: file, name: b, send: path}, to: {kind: file, name: a, recv: content}}\n", "6:38", []string{`edge #1: file[b] sends nothing`}},
		{"recv unknown", edgeRes + "- name: e1\n  from: {kind: exec, name: x, send: output}\n  to: {kind: file, name: a, recv: contents}\n", "8:35", []string{`edge e1: file[a] has no param "contents"`, `did you mean "content"?`}},
		{"recv type", edgeRes + "- name: e1\n  from: {kind: exec, name: x, send: exitcode}\n  to: {kind: file, name: a, recv: content}\n", "8:35", []string{"edge e1: exec[x].exitcode sends int but file[a].content is str"}},
		{"recv twice", edgeRes + "- {from: {kind: exec, name: x, send: output}, to: {kind: file, name: a, recv: content}}\n" +
			"- {from: {kind: exec, name: x, send: output}, to: {kind: file, name: a, recv: content}}\n", "7:79", []string{"edge #2: file[a].content already receives a value (line 6)"}},

		// from graph.Check, positioned by Node.Pos
		{"dollar name", res + "  file:\n  - name: $x\n", "4:5", []string{"file[$x]: the name starts with '$'"}},
		{"self edge", edgeRes + "- {from: {kind: file, name: a}, to: {kind: file, name: a}}\n", "3:10", []string{"file[a]: edge to itself"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, err := Parse(file, []byte(c.doc), testKinds)
			if err == nil {
				t.Fatalf("no error; got %d nodes", len(g.Nodes))
			}
			if g != nil {
				t.Errorf("a graph came with the error")
			}
			msg := err.Error()
			if want := file + ":" + c.pos + ": "; !strings.HasPrefix(msg, want) {
				t.Errorf("error %q, want it at %s", msg, want)
			}
			for _, s := range c.msg {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not contain %q", msg, s)
				}
			}
			if strings.Count(msg, file+":") > 2 {
				t.Errorf("error %q repeats the position", msg)
			}
		})
	}
}

// edgeRes declares file[a], file[b], hidden file[h] and exec[x] (lines 3-4);
// edges start at line 6.
const edgeRes = res + `  file: [{name: a}, {name: b}, {name: h, meta: {hidden: true}}]
  exec: [{name: x}]
edges:
`

func TestErrorType(t *testing.T) {
	_, err := Parse(file, []byte(res+"  exec:\n  - name: e\n    timeout: soon\n"), testKinds)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%T %v is not an *Error", err, err)
	}
	if e.File != file || e.Line != 5 || e.Col != 14 {
		t.Errorf("got %s:%d:%d", e.File, e.Line, e.Col)
	}
	if !errors.Is(err, hostabi.ErrType) {
		t.Errorf("%v does not wrap hostabi.ErrType", err)
	}
	_, err = Parse(file, []byte(res+"  file:\n  - name: a\n"), nil)
	if err == nil || err.Error() != `test.yaml:3:3: unknown resource kind "file"` {
		t.Errorf("nil kinds: %v", err)
	}
	_, err = Parse("", []byte("x: 1\n"), testKinds)
	if err == nil || !strings.HasPrefix(err.Error(), "<input>:1:1: ") {
		t.Errorf("empty file name: %v", err)
	}
}
