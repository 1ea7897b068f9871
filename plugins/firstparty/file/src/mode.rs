//! The mode param: an octal mode, or upstream's symbolic assignments
//! ("u=rwx,go=rx"), which replace the bits of the subjects they name and
//! keep the others from the file's current mode.

/// The setuid bit, as chmod numbers it.
pub const SETUID: u32 = 0o4000;
/// The setgid bit.
pub const SETGID: u32 = 0o2000;
/// The sticky bit.
pub const STICKY: u32 = 0o1000;
/// Every bit a mode may have.
pub const MAX: u32 = 0o7777;

/// A parsed mode param.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModeSpec {
    /// Symbolic assignments rather than an absolute octal mode.
    pub symbolic: bool,
    /// The octal mode, or the bits the assignments set.
    pub bits: u32,
    /// The bits the assignments clear first (symbolic only).
    pub clear: u32,
}

impl ModeSpec {
    /// The mode the spec asks for, given the file's current mode (0 for a
    /// file that does not exist yet).
    pub fn apply(&self, from: u32) -> u32 {
        if !self.symbolic {
            return self.bits;
        }
        ((from & !self.clear) | self.bits) & MAX
    }
}

/// Parses a mode param: octal digits (at most 7777), or comma-separated
/// symbolic assignments as upstream accepts them (assignment only): each
/// subject (u, g, o; "a" or none means all three, alone) at most once, and
/// the permissions r, w, x, s (setuid for u, setgid for g) and t (sticky).
/// "+" and "-" are refused, as upstream refuses them.
pub fn parse_mode(s: &str) -> Result<ModeSpec, String> {
    if s.is_empty() {
        return Err("empty mode".to_string());
    }
    if s.as_bytes()[0].is_ascii_digit() {
        return match u32::from_str_radix(s, 8) {
            Ok(n) if n <= MAX && s.bytes().all(|c| (b'0'..=b'7').contains(&c)) => Ok(ModeSpec { symbolic: false, bits: n, clear: 0 }),
            _ => Err(format!("mode {:?} is not an octal mode between 0000 and 7777", s)),
        };
    }
    let clauses: Vec<&str> = s.split(',').collect();
    let mut m = ModeSpec { symbolic: true, bits: 0, clear: 0 };
    let mut seen = [false; 3];
    for c in &clauses {
        let (who, what) = split_clause(c, clauses.len()).map_err(|e| format!("mode {:?}: {}", s, e))?;
        for w in who.chars() {
            let i = subject_index(w);
            if seen[i] {
                return Err(format!("mode {:?}: subject {} is given twice", s, w));
            }
            seen[i] = true;
        }
        let (clear, set) = assignment(who, what).map_err(|e| format!("mode {:?}: {}", s, e))?;
        m.clear |= clear;
        m.bits |= set;
    }
    Ok(m)
}

/// The position of a subject u, g or o.
fn subject_index(w: char) -> usize {
    match w {
        'u' => 0,
        'g' => 1,
        _ => 2,
    }
}

/// Splits one symbolic clause "who=what" and expands "a" and an empty who
/// to "ugo", which only a lone clause may use.
fn split_clause(c: &str, clauses: usize) -> Result<(&str, &str), String> {
    if c.contains(|ch| ch == '+' || ch == '-') {
        return Err(format!("clause {:?}: only assignments (=) are accepted, not + or -", c));
    }
    let (who, what) = match c.split_once('=') {
        Some((w, p)) if !p.contains('=') => (w, p),
        _ => return Err(format!("clause {:?} is not one assignment who=perms", c)),
    };
    if !who.chars().all(|ch| "augo".contains(ch)) {
        return Err(format!("clause {:?}: unknown subject in {:?} (want u, g, o or a)", c, who));
    }
    if who.is_empty() || who.contains('a') {
        if clauses > 1 {
            return Err(format!("clause {:?} names every subject, so it must be the only clause", c));
        }
        return Ok(("ugo", what));
    }
    Ok((who, what))
}

/// The bits "who=what" clears and sets: it clears the rwx bits of each
/// subject (and setuid for u, setgid for g) and sets the permissions what
/// lists for them.
fn assignment(who: &str, what: &str) -> Result<(u32, u32), String> {
    let (mut perms, mut special) = (0u32, 0u32); // perms: r=4, w=2, x=1, as for one subject
    for p in what.chars() {
        match p {
            'r' => perms |= 4,
            'w' => perms |= 2,
            'x' => perms |= 1,
            's' => {
                if who.contains('u') {
                    special |= SETUID;
                }
                if who.contains('g') {
                    special |= SETGID;
                }
            }
            't' => special |= STICKY,
            _ => return Err(format!("unknown permission {:?} in {:?} (want r, w, x, s or t)", p, what)),
        }
    }
    let (mut clear, mut set) = (0u32, 0u32);
    for w in who.chars() {
        let shift = match w {
            'u' => {
                clear |= SETUID;
                6
            }
            'g' => {
                clear |= SETGID;
                3
            }
            _ => 0,
        };
        clear |= 7 << shift;
        set |= perms << shift;
    }
    Ok((clear, set | special))
}

/// Unit tests, run natively (TestRustUnits).
#[cfg(test)]
mod tests {
    use super::*;

    /// The cases of the Go kind's TestParseMode: (mode, from, want or the
    /// text of the error).
    #[test]
    fn parses_as_upstream() {
        let ok: &[(&str, u32, u32)] = &[
            ("0644", 0, 0o644),
            ("644", 0, 0o644),
            ("4755", 0, 0o4755),
            ("0", 0, 0),
            ("u=rwx,go=rx", 0, 0o755),
            ("u=rw,g=r,o=", 0, 0o640),
            ("a=r", 0o777, 0o444),
            ("=rw", 0, 0o666),
            ("u=rw", 0o755, 0o655),
            ("go=", 0o777, 0o700),
            ("u=rwxs,g=rxs,o=t", 0, 0o7750),
            ("u=rw", 0o4755, 0o655),
        ];
        for (s, from, want) in ok {
            assert_eq!(parse_mode(s).map(|m| m.apply(*from)), Ok(*want), "{}", s);
        }
        let bad: &[(&str, &str)] = &[
            ("10000", "between 0000 and 7777"),
            ("0688", "octal"),
            ("u+x", "only assignments"),
            ("go-w", "only assignments"),
            ("u=rw,u=r", "twice"),
            ("a=r,u=w", "only clause"),
            ("z=r", "unknown subject"),
            ("u=rwq", "unknown permission"),
            ("u", "not one assignment"),
            ("u=r=w", "not one assignment"),
            ("", "empty"),
        ];
        for (s, want) in bad {
            let e = parse_mode(s).err().unwrap_or_default();
            assert!(e.contains(want), "{}: {:?} lacks {:?}", s, e, want);
        }
    }
}
