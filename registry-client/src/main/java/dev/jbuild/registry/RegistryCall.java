package dev.jbuild.registry;

import java.io.IOException;

/** One request (or a few that belong together) to a registry, as jib's calls throw. */
@FunctionalInterface
interface RegistryCall<T> {
  T call() throws IOException, com.google.cloud.tools.jib.api.RegistryException;
}
