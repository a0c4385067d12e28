/**
 * The policy language (ANTLR) and Bird JSON (Jackson): loading, writing and diagnostics; and the
 * batch format of requests and decisions ({@link dev.warden.dsl.BatchFormat}).
 */
package dev.warden.dsl;
