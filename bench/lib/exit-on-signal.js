// Preloaded (node -r) into the gateway when profiling. Nest's shutdown hooks re-raise SIGTERM, and
// a process killed by a signal never writes its --cpu-prof file; SIGUSR2 exits normally instead.
process.on('SIGUSR2', () => process.exit(0));
