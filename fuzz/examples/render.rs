//! Prints what a fuzz input stands for: for generator inputs (starting with 0xFF), the
//! agreement, the input file and the REPL session it renders to; for text, the agreement and
//! input a two-file target cuts it into. `cargo run --example render -- FILE`
fn main() {
    for path in std::env::args_os().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        match concord_fuzz::generated(&bytes) {
            Some(r) => print!("=== agreement\n{}=== input\n{}=== session\n{}", r.agreement, r.input, r.session),
            None => {
                let text = String::from_utf8_lossy(&bytes);
                let (agreement, input) = concord_fuzz::split(&text);
                print!("=== agreement\n{agreement}=== input\n{input}");
            }
        }
    }
}
