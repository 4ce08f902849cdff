/**
 * Registry commands outside builds (login, logout, listing), the glue between the public {@link
 * dev.jbuild.api.Registries} and the registry client, which the API may not name.
 */
package dev.jbuild.executor.registries;
