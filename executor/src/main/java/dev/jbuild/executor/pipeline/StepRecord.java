package dev.jbuild.executor.pipeline;

import java.time.Duration;

/** One step as it went, for the metadata file: its stage, instruction, whether it was cached, how long. */
record StepRecord(String stage, String instruction, boolean cached, Duration duration) {}
