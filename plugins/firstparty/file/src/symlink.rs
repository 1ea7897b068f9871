//! The symlink step: a resource with symlink true is a symbolic link whose
//! target is its source.

use crate::apply::Op;
use crate::mgmt::{self, code, Error};
use crate::params::ABSENT;

impl<'f, 'a> Op<'f, 'a> {
    /// Manages a symlink resource: with state exists the path is a symbolic
    /// link whose target is source, as given (absolute or relative, and it
    /// need not exist); with state absent the link is removed. Replacing or
    /// removing anything that is not a symlink needs force. With state ""
    /// the link is left alone, as upstream does.
    pub fn symlink_step(&mut self) -> Result<bool, Error> {
        let f = self.f;
        if f.state.is_empty() {
            return Ok(true);
        }
        let (target, missing, not_link) = match mgmt::fs_readlink(&f.clean) {
            Ok(t) => (Some(t), false, false),
            Err(e) if e.code == code::NOT_FOUND => (None, true, false),
            Err(e) if e.code == code::INVALID => (None, false, true), // it exists but is no symlink
            Err(e) => return Err(e.context(&format!("readlink {}", f.clean))),
        };
        if f.state == ABSENT && missing {
            return Ok(true);
        }
        if f.state != ABSENT && target.as_deref() == Some(f.source) {
            return Ok(true);
        }
        if not_link && !f.force {
            return Err(Error::new(format!("{} exists and is not a symlink (set force to replace or remove it)", f.clean)));
        }
        if !self.apply {
            return Ok(false);
        }
        if !missing {
            mgmt::fs_remove(&f.clean, not_link).map_err(|e| e.context(&format!("remove {}", f.clean)))?;
            mgmt::log(mgmt::INFO, &format!("removed {}", f.clean));
        }
        self.forget();
        if f.state == ABSENT {
            return Ok(false);
        }
        mgmt::fs_symlink(f.source, &f.clean).map_err(|e| e.context(&format!("symlink {} -> {}", f.clean, f.source)))?;
        mgmt::log(mgmt::INFO, &format!("symlink {} -> {}", f.clean, f.source));
        Ok(false)
    }
}
