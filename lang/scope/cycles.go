package scope

// checkCycles rejects recursive definitions: a variable, function, class
// or include alias whose definition uses itself, directly or through
// others.
func (r *resolver) checkCycles() {
	const (
		white = iota
		grey
		black
	)
	color := make(map[*Decl]int, len(r.deps))
	type frame struct {
		d *Decl
		i int
	}
	for _, start := range r.order {
		if color[start] != white {
			continue
		}
		stack := []frame{{d: start}}
		color[start] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			deps := r.deps[top.d]
			if top.i == len(deps) {
				color[top.d] = black
				stack = stack[:len(stack)-1]
				continue
			}
			e := deps[top.i]
			top.i++
			switch color[e.to] {
			case grey:
				r.fail(errorf(e.at, "recursive reference while setting scope: not a dag"))
			case white:
				color[e.to] = grey
				stack = append(stack, frame{d: e.to})
			}
		}
	}
}
