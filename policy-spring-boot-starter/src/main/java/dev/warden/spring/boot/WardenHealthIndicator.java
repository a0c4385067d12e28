package dev.warden.spring.boot;

import dev.warden.dsl.ReloadResult;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code /actuator/health}'s {@code warden}: up while a policy set serves (always, once the
 * application started: a failed reload keeps the serving set), with the version, the number of
 * policies, the locations and the last reload's outcome.
 */
public final class WardenHealthIndicator extends AbstractHealthIndicator {
    private final WardenPolicies policies;

    WardenHealthIndicator(WardenPolicies policies) {
        super("warden health check failed");
        this.policies = policies;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ReloadResult last = policies.lastResult();
        builder.up().withDetail("version", policies.version())
                .withDetail("policies", policies.authorizer().policySet().policies().size())
                .withDetail("locations", policies.locations())
                .withDetail("reloadable", policies.reloadable())
                .withDetail("lastReload", last.ok() ? "ok" : "failed")
                .withDetail("lastReloadMessage", last.message());
    }
}
