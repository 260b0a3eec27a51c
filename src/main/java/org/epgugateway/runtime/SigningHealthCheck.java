package org.epgugateway.runtime;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.epgugateway.signing.OrganisationCertificate;
import org.epgugateway.signing.SigningSelfCheck;

/**
 * Readiness of signing: the configured key signs a probe that verifies; the details tell the days until the
 * signing certificate expires.
 */
final class SigningHealthCheck extends AbstractHealthCheck {

    private final SigningSelfCheck selfCheck;

    SigningHealthCheck(SigningSelfCheck selfCheck) {
        super("gateway", "signing");
        this.selfCheck = selfCheck;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        SigningSelfCheck.Result result = selfCheck.current();
        builder.detail("signing.certificate", OrganisationCertificate.describe(result.certificate()));
        builder.detail("signing.certificate.not-after", result.notAfter().toString());
        builder.detail("signing.certificate.days-until-expiry", selfCheck.daysUntilExpiry());
        builder.detail("signing.self-check.at", result.checkedAt().toString());
        builder.message(result.message());
        if (result.passed()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
