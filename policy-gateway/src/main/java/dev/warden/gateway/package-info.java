/**
 * Warden in front of HTTP, for an application to embed: the request mapping, access keys, the gate
 * and the servlet filter. {@code warden serve} is in policy-server ({@code dev.warden.server}).
 */
package dev.warden.gateway;
