package io.swarmtv.testing;

/** How an external process ended: its exit code and everything it wrote. */
public record ProcessResult(int exitCode, String stdout, String stderr) {}
