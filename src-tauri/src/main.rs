// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Typst's layout allocates heavily, on two threads; mimalloc measured
/// faster than the system allocator (docs/ARCHITECTURE.md, "Printing speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    schooldesk_desktop::run();
}
