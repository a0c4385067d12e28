/**
 * The policy language: loading, formatting and testing policy files. Exports {@code dev.warden.dsl}
 * only; the ANTLR parser generated into {@code dev.warden.dsl.internal.parser} stays inside.
 */
// the ANTLR runtime has no module descriptor, only its Automatic-Module-Name
@SuppressWarnings("requires-automatic")
module dev.warden.dsl {
    requires transitive dev.warden.core;
    requires org.antlr.antlr4.runtime;
    requires transitive com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.warden.dsl;
}
