/** The policy language (ANTLR) and Bird JSON (Jackson): loading, writing and diagnostics. */
package dev.warden.dsl;
