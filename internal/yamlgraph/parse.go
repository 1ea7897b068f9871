// Package yamlgraph reads resource graphs written in upstream mgmt's YAML
// format:
//
//	---
//	graph: mygraph
//	comment: free text
//	resources:
//	  file:
//	  - name: file1
//	    path: /tmp/mgmt/f1
//	    content: |
//	      i am f1
//	    meta:
//	      noop: true
//	edges:
//	- name: e1
//	  from: {kind: exec, name: e, send: output}
//	  to: {kind: file, name: file1, recv: content}
//	  notify: true
//
// Resources are type-checked against the kinds' descriptions and built with
// runtime.Kinds. The send and recv keys of an edge's ends are an extension of
// upstream's format. The collect and remote keys of upstream are accepted
// and ignored. Every error carries the file, line and column of the YAML
// node at fault.
package yamlgraph

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/goccy/go-yaml/ast"
	goccyparser "github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/mgmt-wasm/mgmt/runtime"
)

// Load reads the YAML graph in the file at path and builds it (see Parse).
func Load(path string, kinds runtime.Kinds) (*runtime.Graph, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, kinds)
}

// Parse builds the resource graph described by the YAML document data, read
// from filename (used in error messages and in each Node.Pos). It returns
// the first problem found, as an *Error positioned at the offending node,
// and no graph. Last, it runs the graph's Check; an error from Check is
// returned as is when it starts with a position, and prefixed with
// "filename: " otherwise (such as the cycle error, whose resources carry
// their own positions).
func Parse(filename string, data []byte, kinds runtime.Kinds) (*runtime.Graph, error) {
	if filename == "" {
		filename = "<input>"
	}
	p := &parser{file: filename, kinds: kinds}
	root, err := p.document(data)
	if err != nil {
		return nil, err
	}
	g, err := p.graph(root)
	if err != nil {
		return nil, err
	}
	if err := g.Check(); err != nil {
		if strings.HasPrefix(err.Error(), filename+":") {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w", filename, err)
	}
	return g, nil
}

// parser holds the state of one Parse.
type parser struct {
	file  string
	kinds runtime.Kinds
	g     *runtime.Graph
	// infos caches kinds.Lookup by kind.
	infos map[string]kindInfo
	// index finds visible nodes by kind[name].
	index map[string]int
	// decl is how and where each node was declared.
	decl []declared
	// recvAt records where each receiving param got its sender, by
	// node index and param.
	recvAt map[recvKey]pos
}

// document parses the YAML text into a node tree.
func (p *parser) document(data []byte) (root *node, err error) {
	f, err := parseYAML(data)
	if err != nil {
		var perr interface {
			GetToken() *token.Token
			GetMessage() string
		}
		if errors.As(err, &perr) && perr.GetToken() != nil && perr.GetToken().Position != nil {
			at := perr.GetToken().Position
			return nil, p.errAt(pos{at.Line, at.Column}, "%s", perr.GetMessage())
		}
		return nil, p.errAt(pos{1, 1}, "%v", err)
	}
	var body ast.Node
	for _, d := range f.Docs {
		if d == nil || d.Body == nil {
			continue
		}
		if body != nil {
			return nil, p.errAt(astPos(d.Body), "only one YAML document is allowed")
		}
		body = d.Body
	}
	if body == nil {
		return nil, p.errAt(pos{1, 1}, "empty document: expected a map with graph, resources and edges")
	}
	b := &builder{p: p, anchors: map[string]*node{}}
	return b.build(body, pos{1, 1})
}

// parseYAML runs goccy's parser, turning a panic on malformed input into an
// error.
func parseYAML(data []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("malformed YAML (the parser failed: %v)", r)
		}
	}()
	return goccyparser.ParseBytes(data, 0)
}

// topKeys are the keys known at the top level.
var topKeys = []string{"graph", "comment", "resources", "edges", "collect", "remote"}

// graph builds the graph from the document's top-level map.
func (p *parser) graph(root *node) (*runtime.Graph, error) {
	if root.kind != mapNode {
		return nil, p.errAt(root.at, "the top level must be a map with graph, resources and edges, not %s", root.describe())
	}
	p.g = &runtime.Graph{}
	p.infos = map[string]kindInfo{}
	p.index = map[string]int{}
	p.recvAt = map[recvKey]pos{}
	var name, resources, edges *node
	for i, k := range root.keys {
		key, err := p.key(k)
		if err != nil {
			return nil, err
		}
		v := root.vals[i]
		switch key {
		case "graph":
			name = v
		case "comment":
			if _, ok := v.str(); !ok && !v.isNull() {
				return nil, p.errAt(v.at, "comment must be a string, not %s", v.describe())
			}
		case "resources":
			resources = v
		case "edges":
			edges = v
		case "collect", "remote":
			// upstream features this implementation does not have
		default:
			return nil, p.errAt(k.at, "unknown key %q%s", key, didYouMean(key, topKeys))
		}
	}
	if name == nil {
		return nil, p.errAt(root.at, "missing graph: the document must name its graph (graph: NAME)")
	}
	if s, ok := name.str(); !ok {
		return nil, p.errAt(name.at, "graph must be a string, not %s", name.describe())
	} else if s == "" {
		return nil, p.errAt(name.at, "graph must not be empty")
	}
	if resources != nil {
		if err := p.resources(resources); err != nil {
			return nil, err
		}
	}
	if edges != nil {
		if err := p.edges(edges); err != nil {
			return nil, err
		}
	}
	return p.g, nil
}

// declared is a node as the document declared it.
type declared struct {
	at   pos
	kind string
	id   string // kind[name]
}

// key returns a map key that must be a string.
func (p *parser) key(k *node) (string, error) {
	s, ok := k.str()
	if !ok {
		return "", p.errAt(k.at, "expected a string key, not %s", k.describe())
	}
	return s, nil
}

// posString renders a position as Node.Pos does: "FILE:LINE:COL".
func (p *parser) posString(at pos) string { return p.file + ":" + at.String() }
