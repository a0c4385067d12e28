/** Warden in front of HTTP: the request mapping, access keys, the servlet filter and {@code warden serve}. */
package dev.warden.gateway;
