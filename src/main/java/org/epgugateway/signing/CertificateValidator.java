package org.epgugateway.signing;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.epgugateway.signing.SignatureVerificationException.Reason;

/**
 * Decides whether a signer's certificate is to be trusted: valid at the time that counts, chained to a configured
 * trust root, and not revoked according to the configured CRLs and OCSP responder.
 *
 * <p>Each failure has its own {@link Reason}. Revocation is judged at the given time, so a signature timestamped
 * before its certificate was revoked stays valid; the CRL or OCSP answer itself must be current. Instances are
 * thread-safe.
 */
public final class CertificateValidator {

    private final Set<TrustAnchor> anchors = new HashSet<>();
    private final List<X509Certificate> intermediates = new ArrayList<>();
    private final CrlStore crls;
    private final OcspClient ocsp;
    private final Clock clock;

    /**
     * @param trustRoots the trusted certificates: self-signed ones become trust anchors, others count as known
     *        intermediates; at least one must be self-signed
     * @param crls where CRLs come from, or null for no CRL checking
     * @param ocsp the OCSP responder to ask about signers' certificates, or null for no OCSP
     */
    public CertificateValidator(List<X509Certificate> trustRoots, CrlStore crls, OcspClient ocsp, Clock clock) {
        for (X509Certificate certificate : trustRoots) {
            if (selfSigned(certificate)) {
                anchors.add(new TrustAnchor(certificate, null));
            } else {
                intermediates.add(certificate);
            }
        }
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("the trust roots hold no self-signed (root) certificate");
        }
        this.crls = crls;
        this.ocsp = ocsp;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** True when CRLs or OCSP are configured. */
    public boolean checksRevocation() {
        return crls != null || ocsp != null;
    }

    /**
     * Validates the certificate at the given time.
     *
     * @param certificate the signer's certificate
     * @param carried further certificates that came with the signature, which may hold intermediates
     * @param at the time the certificate must have been valid and not revoked
     * @return the certification path from the certificate up to, not including, the trust anchor; never null
     * @throws SignatureVerificationException when the certificate is expired, untrusted, revoked or of unknown
     *         revocation status
     */
    public List<X509Certificate> validate(X509Certificate certificate, Collection<X509Certificate> carried,
            Instant at) {
        checkValidity(certificate, at);
        List<X509Certificate> path = path(certificate, carried, at);
        for (int i = 0; i < path.size(); i++) {
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchorOf(path.get(i));
            checkRevocation(path.get(i), issuer, at, i == 0);
        }
        return path;
    }

    private static void checkValidity(X509Certificate certificate, Instant at) {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException e) {
            throw new SignatureVerificationException(Reason.CERTIFICATE_EXPIRED, "The certificate of "
                    + OrganisationCertificate.describe(certificate) + " expired on "
                    + certificate.getNotAfter().toInstant() + " (checked at " + at + ")", e);
        } catch (CertificateNotYetValidException e) {
            throw new SignatureVerificationException(Reason.CERTIFICATE_EXPIRED, "The certificate of "
                    + OrganisationCertificate.describe(certificate) + " is valid only from "
                    + certificate.getNotBefore().toInstant() + " (checked at " + at + ")", e);
        }
    }

    private List<X509Certificate> path(X509Certificate certificate, Collection<X509Certificate> carried,
            Instant at) {
        for (TrustAnchor anchor : anchors) {
            if (anchor.getTrustedCert().equals(certificate)) {
                return List.of(); // the signer's own certificate is configured as trusted
            }
        }
        try {
            List<X509Certificate> known = new ArrayList<>(intermediates);
            known.addAll(carried);
            known.add(certificate);
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false); // revocation is checked below, with reasons of its own
            parameters.setDate(Date.from(at));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(known),
                    GostProvider.NAME));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder
                    .getInstance("PKIX", GostProvider.NAME).build(parameters);
            List<X509Certificate> path = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
            return path;
        } catch (CertPathBuilderException e) {
            throw new SignatureVerificationException(Reason.UNTRUSTED, "The certificate of "
                    + OrganisationCertificate.describe(certificate) + ", issued by "
                    + OrganisationCertificate.readableName(certificate.getIssuerX500Principal())
                    + ", does not chain to a configured trust root: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new SignatureVerificationException(Reason.UNTRUSTED, "Cannot build the certificate chain of "
                    + OrganisationCertificate.describe(certificate) + ": " + e.getMessage(), e);
        }
    }

    private X509Certificate anchorOf(X509Certificate certificate) {
        for (TrustAnchor anchor : anchors) {
            if (anchor.getTrustedCert().getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                return anchor.getTrustedCert();
            }
        }
        throw new IllegalStateException("no anchor issued " + certificate.getSubjectX500Principal());
    }

    private void checkRevocation(X509Certificate certificate, X509Certificate issuer, Instant at, boolean signer) {
        if (ocsp != null && signer) {
            checkOcsp(certificate, issuer, at);
        }
        if (crls != null) {
            checkCrl(certificate, issuer, at);
        }
    }

    private void checkOcsp(X509Certificate certificate, X509Certificate issuer, Instant at) {
        OcspClient.Answer answer = ocsp.check(certificate, issuer);
        if (answer.status() == OcspClient.Status.UNKNOWN) {
            throw new SignatureVerificationException(Reason.REVOCATION_UNKNOWN, "The OCSP responder "
                    + ocsp.responder() + " does not know the certificate of "
                    + OrganisationCertificate.describe(certificate));
        }
        if (answer.status() == OcspClient.Status.REVOKED && !answer.revokedAt().isAfter(at)) {
            throw revoked(certificate, answer.revokedAt(), OcspClient.reasonName(answer.reason()),
                    "the OCSP responder " + ocsp.responder());
        }
    }

    private void checkCrl(X509Certificate certificate, X509Certificate issuer, Instant at) {
        X509CRL crl = crls.crlOf(issuer).orElseThrow(() -> new SignatureVerificationException(
                Reason.REVOCATION_UNKNOWN, "No CRL of "
                + OrganisationCertificate.readableName(issuer.getSubjectX500Principal()) + " in " + crls.sources()
                + " to check the certificate of "
                + OrganisationCertificate.describe(certificate)
                + (crls.problems().isEmpty() ? "" : "; unreadable sources: " + crls.problems())));
        Instant now = clock.instant();
        if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now)) {
            throw new SignatureVerificationException(Reason.REVOCATION_UNKNOWN, "The newest CRL of "
                    + OrganisationCertificate.readableName(issuer.getSubjectX500Principal())
                    + " was due for an update on "
                    + crl.getNextUpdate().toInstant() + ": the revocation status of "
                    + OrganisationCertificate.describe(certificate) + " is not known");
        }
        X509CRLEntry entry = crl.getRevokedCertificate(certificate);
        if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
            String reason = entry.getRevocationReason() == null
                    ? "no reason given" : OcspClient.reasonName(entry.getRevocationReason().ordinal());
            throw revoked(certificate, entry.getRevocationDate().toInstant(), reason,
                    "the CRL of " + OrganisationCertificate.readableName(issuer.getSubjectX500Principal()));
        }
    }

    private static SignatureVerificationException revoked(X509Certificate certificate, Instant when, String reason,
            String source) {
        return new SignatureVerificationException(Reason.CERTIFICATE_REVOKED, "The certificate of "
                + OrganisationCertificate.describe(certificate) + " was revoked on " + when + " (" + reason
                + "), according to " + source);
    }

    private static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey(), GostProvider.NAME);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
