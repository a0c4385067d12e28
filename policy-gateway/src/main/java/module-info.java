/**
 * The embeddable gateway: {@link dev.warden.gateway.Gate} and the servlet filter. Exports {@code
 * dev.warden.gateway} only. The servlet API is provided by the container and optional here: it is
 * needed only by {@link dev.warden.gateway.WardenFilter}.
 */
module dev.warden.gateway {
    requires transitive dev.warden.core;
    requires com.fasterxml.jackson.core;
    requires static transitive jakarta.servlet;

    exports dev.warden.gateway;
}
