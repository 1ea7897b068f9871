//! The owner and mode steps: the file's owner and group, and its mode,
//! each managed only when its param is set.

use crate::apply::Op;
use crate::mgmt::{self, Error, Stat};
use crate::params::ABSENT;

/// Whether `want` (a name, a decimal id or "" for unmanaged) names the
/// owner or group with `id` and `name`.
fn id_matches(want: &str, id: u64, name: &str) -> bool {
    want.is_empty() || want == name || want == id.to_string()
}

impl<'f, 'a> Op<'f, 'a> {
    /// Sets the owner and group when they are managed and differ; a symlink
    /// resource changes the link itself. Giving a file to another user
    /// needs root; making it the current user's does not.
    pub fn owner_step(&mut self) -> Result<bool, Error> {
        let f = self.f;
        if (f.owner.is_empty() && f.group.is_empty()) || f.state == ABSENT {
            return Ok(true);
        }
        if !self.owner_ok {
            self.forget();
        }
        let st = match self.stat()? {
            Some(st) => st,
            None => return Err(self.missing("owner and group")),
        };
        if id_matches(f.owner, st.uid, &st.user) && id_matches(f.group, st.gid, &st.group) {
            return Ok(true);
        }
        if !self.apply {
            return Ok(false);
        }
        mgmt::fs_chown(&f.clean, f.owner, f.group, f.symlink).map_err(|e| {
            let mut e = e.context(&format!("chown {} to {}:{}", f.clean, f.owner, f.group));
            e.message.push_str(" (giving a file to another user needs root)");
            e
        })?;
        mgmt::log(mgmt::INFO, &format!("chown {}:{} {}", f.owner, f.group, f.clean));
        self.forget(); // chown may clear setuid and setgid
        Ok(false)
    }

    /// Sets the mode when it is managed and differs. A symbolic mode keeps
    /// the bits of the subjects it does not name.
    pub fn mode_step(&mut self) -> Result<bool, Error> {
        let f = self.f;
        let m = match f.mode {
            Some(m) if f.state != ABSENT => m,
            _ => return Ok(true),
        };
        let st = match self.stat()? {
            Some(st) => st,
            None => return Err(self.missing("mode")),
        };
        let want = m.apply(st.mode);
        if st.mode == want {
            return Ok(true);
        }
        if !self.apply {
            return Ok(false);
        }
        mgmt::fs_chmod(&f.clean, want).map_err(|e| e.context(&format!("chmod {}", f.clean)))?;
        mgmt::log(mgmt::INFO, &format!("chmod {:04o} {}", want, f.clean));
        self.st = Some(Stat { mode: want, ..st });
        Ok(false)
    }
}
