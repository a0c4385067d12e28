/**
 * Helpers of policy-core that are not API: exported only to policy-dsl ({@code dev.warden.dsl}),
 * which shares them with the model, and to no other module.
 */
package dev.warden.core.internal;
