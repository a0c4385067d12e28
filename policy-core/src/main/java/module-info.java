/**
 * Warden's core: the policy model, request canonicalisation and the {@link dev.warden.core.Authorizer}.
 * Exports {@code dev.warden.core} and {@code dev.warden.core.diagnostic}; the helpers in {@code dev.warden.core.internal} are
 * exported to policy-dsl alone.
 */
// the qualified export names policy-dsl, which is built after this module
@SuppressWarnings("module")
module dev.warden.core {
    requires com.github.benmanes.caffeine;

    exports dev.warden.core;
    exports dev.warden.core.diagnostic;
    exports dev.warden.core.internal to dev.warden.dsl;
}
