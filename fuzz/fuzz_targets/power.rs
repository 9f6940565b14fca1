//! The `power` target: see `concord_fuzz::power`. Under cargo-fuzz a libFuzzer target; on stable a
//! program that runs the body on the files (or folders) it is given.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| concord_fuzz::power(data));

#[cfg(not(fuzzing))]
fn main() {
    concord_fuzz::replay_main("power");
}
