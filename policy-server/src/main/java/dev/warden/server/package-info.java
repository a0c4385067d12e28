/**
 * {@code warden serve}: {@link dev.warden.server.WardenServer} answers forward auth and the admin
 * endpoints on Jetty 12, each endpoint found in a route table; policies are reloaded by {@link
 * dev.warden.dsl.PolicyReloader} (policy-dsl, with its {@link dev.warden.dsl.FileWatcher}). The check itself is policy-gateway's {@link dev.warden.gateway.Gate}.
 */
package dev.warden.server;
