package dev.jbuild.core.semantics;

/**
 * What an instruction asks the executor to do to the stage's filesystem. Each effect, when
 * carried out, yields at most one layer.
 */
public sealed interface Effect permits RunEffect, CopyEffect, MkdirEffect {}
