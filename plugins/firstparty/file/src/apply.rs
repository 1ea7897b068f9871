//! The check and apply verbs: the steps that bring the path to its
//! desired state, in upstream's order (existence, content, tree, owner and
//! group, mode), and what a call knows of the path so far.

use crate::mgmt::{self, code, file_type, Error, Res, Stat};
use crate::params::{File, ABSENT, EXISTS};

/// One step of a call.
#[derive(Clone, Copy)]
enum Step {
    State,
    Content,
    Tree,
    Owner,
    Mode,
    Symlink,
}

/// One check or apply call: the resource, the call, and what is known of
/// the path so far, so that no step asks the host twice for the same thing.
pub struct Op<'f, 'a> {
    pub f: &'f File<'a>,
    pub apply: bool,
    /// The path's stat; None when it is missing.
    pub st: Option<Stat>,
    /// `st` is current.
    pub known: bool,
    /// `st`'s owner and group are current too.
    pub owner_ok: bool,
    /// A step found missing the path that state "exists" made sure of.
    pub vanished: bool,
}

/// The check (apply false) and apply verbs: Ok(true) when the path was
/// already right. With apply false nothing changes and the steps stop at
/// the first difference.
pub fn check_apply(r: &Res, apply: bool) -> Result<bool, Error> {
    let f = File::new(r);
    let mut o = Op { f: &f, apply, st: None, known: false, owner_ok: false, vanished: false };
    let steps: &[Step] = if f.symlink {
        &[Step::Symlink, Step::Owner]
    } else {
        &[Step::State, Step::Content, Step::Tree, Step::Owner, Step::Mode]
    };
    // A path that state "exists" made sure of and that vanished before a
    // later step (removed from outside meanwhile) brings the steps round
    // again rather than a failure; its removal's event comes too.
    let mut attempt = 0;
    loop {
        o.vanished = false;
        match o.steps(steps) {
            Err(_) if o.vanished && attempt < 3 => {
                o.forget();
                attempt += 1;
            }
            res => return res,
        }
    }
}

impl<'f, 'a> Op<'f, 'a> {
    /// Runs the steps once; with apply false it stops at the first difference.
    fn steps(&mut self, steps: &[Step]) -> Result<bool, Error> {
        let mut check_ok = true;
        for step in steps {
            let ok = match step {
                Step::State => self.state_step(),
                Step::Content => self.content_step(),
                Step::Tree => self.tree_step(),
                Step::Owner => self.owner_step(),
                Step::Mode => self.mode_step(),
                Step::Symlink => self.symlink_step(),
            }?;
            if !ok {
                check_ok = false;
                if !self.apply {
                    return Ok(false);
                }
            }
        }
        Ok(check_ok)
    }

    /// The path's stat (None when it is missing), asking the host only when
    /// it is not known. A symlink resource describes the link.
    pub fn stat(&mut self) -> Result<Option<Stat>, Error> {
        if self.known {
            return Ok(self.st.clone());
        }
        let st = match mgmt::fs_lstat(&self.f.clean, self.f.symlink) {
            Ok(st) => Some(st),
            Err(e) if e.code == code::NOT_FOUND => None,
            Err(e) => return Err(e.context(&format!("stat {}", self.f.clean))),
        };
        self.owner_ok = st.is_some();
        self.known = true;
        self.st = st.clone();
        Ok(st)
    }

    /// Drops what is known of the path after a change the guest cannot predict.
    pub fn forget(&mut self) {
        self.st = None;
        self.known = false;
        self.owner_ok = false;
    }

    /// Records what is now known of the path.
    pub fn know(&mut self, st: Option<Stat>, owner_ok: bool) {
        self.st = st;
        self.known = true;
        self.owner_ok = owner_ok;
    }

    /// The error of a path that does not exist while existence is left
    /// alone, which upstream reports rather than creating the file; with
    /// state exists, the path vanished during the call.
    pub fn missing(&mut self, what: &str) -> Error {
        if self.f.state == EXISTS && !self.f.symlink {
            self.vanished = true;
            return Error::new(format!("{}: {}: the file was removed while it was being managed", self.f.clean, what));
        }
        Error::new(format!(
            "{} does not exist, so its {} cannot be managed (set state to {:?} to create it)",
            self.f.clean, what, EXISTS
        ))
    }

    /// Creates or removes the path.
    fn state_step(&mut self) -> Result<bool, Error> {
        match self.f.state {
            ABSENT => self.remove(),
            EXISTS => self.create(),
            _ => Ok(true),
        }
    }

    /// Makes the path absent: a non-empty directory only with recurse
    /// (upstream's way) or force.
    fn remove(&mut self) -> Result<bool, Error> {
        let f = self.f;
        let p = &f.clean;
        match mgmt::fs_lstat(p, true) {
            Err(e) if e.code == code::NOT_FOUND => return Ok(true),
            Err(e) => return Err(e.context(&format!("stat {}", p))),
            Ok(_) => {}
        }
        if !self.apply {
            return Ok(false);
        }
        if p == "/" {
            return Err(Error::new("refusing to remove /"));
        }
        let mut res = mgmt::fs_remove(p, false);
        if let Err(e) = &res {
            if e.code == code::NOT_EMPTY {
                if !f.recurse && !f.force {
                    return Err(Error::new(format!(
                        "remove {}: the directory is not empty (set recurse or force to remove it with its contents)",
                        p
                    )));
                }
                res = mgmt::fs_remove(p, true);
            }
        }
        res.map_err(|e| e.context(&format!("remove {}", p)))?;
        mgmt::log(mgmt::INFO, &format!("removed {}", p));
        self.forget();
        Ok(false)
    }

    /// Makes the path exist as a directory or a file. A file that gets
    /// content is left to the content step, which creates, replaces or
    /// refuses it in one go and may not need a stat at all.
    fn create(&mut self) -> Result<bool, Error> {
        let f = self.f;
        if !f.dir && f.has_body() {
            return Ok(true);
        }
        if let Some(st) = self.stat()? {
            let is_dir = st.kind == file_type::DIR;
            if is_dir == f.dir {
                return Ok(true);
            }
            if !f.force {
                return Err(Error::new(format!(
                    "{} is a {}, want a {} (set force to replace it)",
                    f.clean,
                    type_name(st.kind),
                    type_name(want(f.dir))
                )));
            }
            if !self.apply {
                return Ok(false);
            }
            mgmt::fs_remove(&f.clean, true).map_err(|e| e.context(&format!("replace {}", f.clean)))?;
            mgmt::log(mgmt::INFO, &format!("removed {} {} to replace it (force)", type_name(st.kind), f.clean));
            self.forget();
        }
        if !self.apply {
            return Ok(false);
        }
        if f.dir {
            self.mkdir()?;
        } else {
            self.write(b"", None, None)?;
        }
        Ok(false)
    }

    /// Creates the directory, with its parents only with recurse (as
    /// upstream's mkdir -p). The mode step then sets a managed mode, which
    /// the umask may have narrowed.
    fn mkdir(&mut self) -> Result<(), Error> {
        let f = self.f;
        let mode = f.mode.map_or(0, |m| m.apply(0) & 0o777);
        mgmt::fs_mkdir(&f.clean, mode, f.recurse).map_err(|e| e.context(&format!("mkdir {}", f.clean)))?;
        mgmt::log(mgmt::INFO, &format!("created directory {}", f.clean));
        self.forget();
        Ok(())
    }
}

/// The file type a resource wants.
pub fn want(dir: bool) -> u64 {
    if dir {
        file_type::DIR
    } else {
        file_type::REGULAR
    }
}

/// A file type's name in messages.
pub fn type_name(t: u64) -> &'static str {
    match t {
        file_type::DIR => "directory",
        file_type::REGULAR => "file",
        file_type::SYMLINK => "symlink",
        _ => "special file",
    }
}
