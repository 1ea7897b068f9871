// Package tmplfuncs is mcl's golang package: golang.template, which
// renders a Go text/template.
package tmplfuncs

import (
	"bytes"
	"fmt"
	"sync"
	"text/template"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the functions of the golang package. Templates may call
// the pure functions of library (see TemplateName), as upstream's may
// call every simple function of its library; library is called once, at
// the first render, so it may list golang.template itself (all.All does).
//
// The checker types golang.template (func(template str [, vars ?1])
// str), so its Sig is empty; it is not pure, as upstream's is not.
func Funcs(library func() []lib.Func) []lib.Func {
	r := &renderer{table: sync.OnceValue(func() funcTable {
		if library == nil {
			return funcTable{}
		}
		return newFuncTable(library())
	})}
	return []lib.Func{
		{Name: "golang.template", Sig: "", Pure: false, Impl: r.render},
	}
}

// renderer renders templates with the functions of its table.
type renderer struct {
	table func() funcTable
}

// render executes the template in the first argument with the optional
// second argument as its data ("."). The template may call the pure
// library functions under their template names (see TemplateName).
func (r *renderer) render(c *lib.Call) (hostabi.Value, error) {
	if len(c.Args) < 1 || len(c.Args) > 2 {
		return nil, fmt.Errorf("golang.template: takes 1 or 2 args, got %d", len(c.Args))
	}
	text, ok := c.Args[0].(hostabi.StrValue)
	if !ok {
		return nil, fmt.Errorf("golang.template: the template is not a str")
	}
	tmpl, err := template.New("template").Funcs(r.table().funcMap(c.Host)).Parse(string(text))
	if err != nil {
		return nil, fmt.Errorf("golang.template: template: parse error: %w", err)
	}
	var data any
	if len(c.Args) == 2 {
		if c.Args[1] == nil {
			return nil, fmt.Errorf("golang.template: the vars argument is missing")
		}
		data = toTemplate(c.Args[1])
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("golang.template: template: execution error: %w", err)
	}
	return hostabi.StrValue(buf.String()), nil
}
