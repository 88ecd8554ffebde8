import type { DriverNeed } from '../LanguageDriver.js';

/** The folder under `src/drivers/` of the one crate both Rust drivers are built from. */
export const RUST_CRATE_SOURCES = 'rust-join-all';

/** cargo, and Debian's crates of futures and serde_json the crate builds against offline. */
export const RUST_CRATE_NEEDS: readonly DriverNeed[] = [
  { program: 'cargo', versionArgs: ['--version'], install: 'apt-get install cargo' },
  { file: '/usr/share/doc/librust-futures-dev/copyright', install: 'apt-get install librust-futures-dev' },
  { file: '/usr/share/doc/librust-serde-json-dev/copyright', install: 'apt-get install librust-serde-json-dev' },
];

/**
 * The build of one binary of the crate, offline against Debian's crates
 * (`debian-crates.toml` as the build's cargo configuration), in a copy of the sources so
 * cargo writes nothing into them; only the binary is kept.
 */
export function rustCrateBuild(binary: string, features: readonly string[] = []): readonly string[] {
  const featureFlags = features.map((feature) => ` --features ${feature}`).join('');
  return [
    'cp -R {src} crate',
    'mkdir -p .cargo && cp crate/debian-crates.toml .cargo/config.toml',
    `cargo build --release --offline --manifest-path crate/Cargo.toml --target-dir target --bin ${binary}${featureFlags}`,
    `cp target/release/${binary} ${binary}`,
    'rm -rf target crate .cargo',
  ];
}
