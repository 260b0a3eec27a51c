package org.epgugateway.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.DERNumericString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.epgugateway.signing.GostProvider;
import org.epgugateway.signing.OrganisationCertificate;
import org.epgugateway.signing.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway GOST test CA for the demo and for tests; nothing it issues is trusted anywhere else.
 *
 * <p>{@link #ensure} keeps a CA certificate and an organisation's keystore in a folder. {@link #create} and
 * {@link #issue} make certificates in memory, including expired ones or ones without an OGRN for negative tests;
 * {@link #issueTimestampAuthority}, {@link #issueOcspResponder} and {@link #crl} serve the verification tests.
 * The CA's private key is never written anywhere.
 */
public final class DemoAuthority {

    // the files that ensure keeps in its folder, and the key entry in the keystore
    public static final String CA_FILE = "ca.pem";
    public static final String KEYSTORE_FILE = "organisation.p12";
    public static final String PASSWORD_FILE = "organisation.p12.password";
    public static final String CERTIFICATE_FILE = "organisation.pem";
    public static final String ALIAS = "organisation";

    /** GOST R 34.10-2012 key sizes, each on the first TC 26 curve of its size. */
    public enum KeySize {
        GOST_2012_256("Tc26-Gost-3410-12-256-paramSetA"),
        GOST_2012_512("Tc26-Gost-3410-12-512-paramSetA");

        private final String curve;

        KeySize(String curve) {
            this.curve = curve;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoAuthority.class);

    // AES-protected PKCS#12 that OpenSSL 3 reads without -legacy; the default BC type uses RC2-40 for certificates
    private static final String KEYSTORE_TYPE = "PKCS12-AES256-AES128";
    private static final String CA_SIGNATURE_ALGORITHM = "GOST3411-2012-256WITHECGOST3410-2012-256";
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration ORGANISATION_VALIDITY = Duration.ofDays(365);
    private static final Duration CA_VALIDITY = Duration.ofDays(5 * 365);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final SecureRandom random = new SecureRandom();
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    private DemoAuthority() {
        this.caKeys = newKeyPair(KeySize.GOST_2012_256);
        try {
            this.caCertificate = selfSignedCertificate();
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot create the demo GOST CA: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the CA and the organisation's keystore in the folder, or reuses them when they are already there.
     *
     * <p>Files are reused when all of them exist and the organisation certificate has the requested OGRN and has not
     * expired; otherwise all are created anew. The keystore password is generated once and kept in
     * {@value #PASSWORD_FILE}, readable by the owner only where the file system supports POSIX permissions.
     *
     * @return the paths and the password; never null
     * @throws UncheckedIOException when the folder cannot be written or read
     */
    // Limitation: synchronized within one JVM only; two processes setting up the same folder at once may mix sets
    public static synchronized DemoKeys ensure(Path folder, DemoOrganisation organisation) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(organisation, "organisation");
        try {
            if (reusable(folder, organisation)) {
                LOG.info("Reusing the demo GOST keys for {} in {}", organisation.name(), folder);
                return keysIn(folder, Files.readString(folder.resolve(PASSWORD_FILE), StandardCharsets.US_ASCII));
            }
            return createIn(folder, organisation);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up the demo GOST keys in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A new CA with a GOST R 34.10-2012-256 key, held in memory only. */
    public static DemoAuthority create() {
        GostProvider.install();
        return new DemoAuthority();
    }

    /** The self-signed CA certificate. */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** Issues a GOST R 34.10-2012-256 key and certificate for the organisation, valid for one year from now. */
    public SigningKey issue(DemoOrganisation organisation) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return issue(organisation, KeySize.GOST_2012_256, now.minus(CLOCK_SKEW), now.plus(ORGANISATION_VALIDITY));
    }

    /**
     * Issues a key of the given size and a certificate for the organisation, valid in the given period.
     *
     * <p>The subject is {@code CN=<name>, O=<name>, C=RU} followed by OGRN and INN LE as NumericStrings, each
     * left out when the organisation has none.
     *
     * @return the key with the chain of the certificate and the CA certificate; never null
     */
    public SigningKey issue(DemoOrganisation organisation, KeySize size, Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(organisation, "organisation");
        KeyPair keys = newKeyPair(Objects.requireNonNull(size, "size"));
        try {
            X509Certificate certificate = organisationCertificate(organisation, keys.getPublic(), notBefore, notAfter);
            return new SigningKey(keys.getPrivate(), certificate, List.of(certificate, caCertificate));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot issue a demo certificate for " + organisation.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Issues a GOST R 34.10-2012-256 key and certificate for a test time-stamping authority: critical extended key
     * usage timeStamping, as RFC 3161 demands, valid for one year from now.
     *
     * @return the key with the chain of the certificate and the CA certificate; never null
     */
    public SigningKey issueTimestampAuthority() {
        return issueService("epgu-gateway demo TSA", KeyPurposeId.id_kp_timeStamping, true);
    }

    /**
     * Issues a GOST R 34.10-2012-256 key and certificate for a test OCSP responder that answers for this CA:
     * extended key usage OCSPSigning, valid for one year from now.
     *
     * @return the key with the chain of the certificate and the CA certificate; never null
     */
    public SigningKey issueOcspResponder() {
        return issueService("epgu-gateway demo OCSP responder", KeyPurposeId.id_kp_OCSPSigning, false);
    }

    /**
     * Issues a CRL signed by this CA.
     *
     * @param revoked the serial numbers of the revoked certificates, each with its revocation time
     * @param thisUpdate when the CRL was issued
     * @param nextUpdate when the next CRL is due
     * @return the CRL; never null
     */
    public X509CRL crl(Map<BigInteger, Instant> revoked, Instant thisUpdate, Instant nextUpdate) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        revoked.forEach((serial, when) -> builder.addCRLEntry(serial, Date.from(when), CRLReason.keyCompromise));
        try {
            return new JcaX509CRLConverter().setProvider(GostProvider.NAME).getCRL(builder.build(
                    new JcaContentSignerBuilder(CA_SIGNATURE_ALGORITHM)
                            .setProvider(GostProvider.NAME)
                            .build(caKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot issue a demo CRL: " + e.getMessage(), e);
        }
    }

    private SigningKey issueService(String name, KeyPurposeId purpose, boolean criticalPurpose) {
        KeyPair keys = newKeyPair(KeySize.GOST_2012_256);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, name)
                .addRDN(BCStyle.O, "epgu-gateway demo, not for production")
                .addRDN(BCStyle.C, "RU")
                .build();
        try {
            JcaX509ExtensionUtils identifiers = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serialNumber(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(ORGANISATION_VALIDITY)), subject,
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, false, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.extendedKeyUsage, criticalPurpose, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            identifiers.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            identifiers.createAuthorityKeyIdentifier(caCertificate.getPublicKey()));
            X509Certificate certificate = signedByCa(builder);
            return new SigningKey(keys.getPrivate(), certificate, List.of(certificate, caCertificate));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot issue a demo certificate for " + name + ": " + e.getMessage(), e);
        }
    }

    private X509Certificate selfSignedCertificate()
            throws GeneralSecurityException, CertIOException, OperatorCreationException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "epgu-gateway demo CA")
                .addRDN(BCStyle.O, "epgu-gateway demo, not for production")
                .addRDN(BCStyle.C, "RU")
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serialNumber(),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(CA_VALIDITY)), name, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caKeys.getPublic()));
        return signedByCa(builder);
    }

    private X509Certificate organisationCertificate(DemoOrganisation organisation, PublicKey key, Instant notBefore,
            Instant notAfter) throws GeneralSecurityException, CertIOException, OperatorCreationException {
        JcaX509ExtensionUtils identifiers = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serialNumber(),
                Date.from(notBefore), Date.from(notAfter), subject(organisation), key)
                .addExtension(Extension.basicConstraints, false, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                // emailProtection satisfies the S/MIME purpose check that OpenSSL applies to CMS signers
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection}))
                .addExtension(Extension.subjectKeyIdentifier, false, identifiers.createSubjectKeyIdentifier(key))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        identifiers.createAuthorityKeyIdentifier(caCertificate.getPublicKey()));
        return signedByCa(builder);
    }

    private static X500Name subject(DemoOrganisation organisation) {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, organisation.name())
                .addRDN(BCStyle.O, organisation.name())
                .addRDN(BCStyle.C, "RU");
        if (organisation.ogrn() != null) {
            subject.addRDN(OrganisationCertificate.OGRN, new DERNumericString(organisation.ogrn()));
        }
        if (organisation.innLe() != null) {
            subject.addRDN(OrganisationCertificate.INN_LE, new DERNumericString(organisation.innLe()));
        }
        return subject.build();
    }

    private X509Certificate signedByCa(X509v3CertificateBuilder builder)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().setProvider(GostProvider.NAME).getCertificate(builder.build(
                new JcaContentSignerBuilder(CA_SIGNATURE_ALGORITHM)
                        .setProvider(GostProvider.NAME)
                        .build(caKeys.getPrivate())));
    }

    private KeyPair newKeyPair(KeySize size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("ECGOST3410-2012", GostProvider.NAME);
            generator.initialize(new ECGenParameterSpec(size.curve), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a " + size + " key: " + e.getMessage(), e);
        }
    }

    private BigInteger serialNumber() {
        return new BigInteger(127, random).setBit(0); // positive, non-zero, at most 16 bytes
    }

    private static boolean reusable(Path folder, DemoOrganisation organisation) throws IOException {
        for (String name : List.of(CA_FILE, KEYSTORE_FILE, PASSWORD_FILE, CERTIFICATE_FILE)) {
            if (!Files.isRegularFile(folder.resolve(name))) {
                return false; // a first run, or an earlier run stopped half-way
            }
        }
        X509Certificate existing;
        try (InputStream in = Files.newInputStream(folder.resolve(CERTIFICATE_FILE))) {
            existing = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            LOG.warn("Cannot read the demo certificate in {} ({}): creating new demo keys", folder, e.getMessage());
            return false;
        }
        Optional<String> ogrn = OrganisationCertificate.ogrn(existing);
        if (!ogrn.equals(Optional.ofNullable(organisation.ogrn()))) {
            LOG.warn("The demo keys in {} are for OGRN {}, not {}: creating new ones", folder, ogrn.orElse("none"),
                    organisation.ogrn());
            return false;
        }
        if (existing.getNotAfter().toInstant().isBefore(Instant.now())) {
            LOG.warn("The demo certificate in {} expired on {}: creating new demo keys", folder,
                    existing.getNotAfter().toInstant());
            return false;
        }
        return true;
    }

    private static DemoKeys createIn(Path folder, DemoOrganisation organisation) throws IOException {
        Files.createDirectories(folder);
        // remove a stale set first, so that a run stopped half-way leaves files that are not taken for a set
        for (String name : List.of(CA_FILE, CERTIFICATE_FILE, KEYSTORE_FILE, PASSWORD_FILE)) {
            Files.deleteIfExists(folder.resolve(name));
        }
        DemoAuthority authority = create();
        SigningKey key = authority.issue(organisation);
        String password = newPassword(authority.random);

        write(folder.resolve(PASSWORD_FILE), (password + "\n").getBytes(StandardCharsets.US_ASCII), OWNER_ONLY);
        write(folder.resolve(KEYSTORE_FILE), keystore(key, password), OWNER_ONLY);
        write(folder.resolve(CERTIFICATE_FILE), pem(key.certificate()), WORLD_READABLE);
        write(folder.resolve(CA_FILE), pem(authority.caCertificate()), WORLD_READABLE);

        LOG.info("Created a throwaway GOST test CA and a certificate for {} (OGRN {}) in {}", organisation.name(),
                organisation.ogrn(), folder);
        return keysIn(folder, password);
    }

    private static DemoKeys keysIn(Path folder, String password) {
        return new DemoKeys(folder.resolve(KEYSTORE_FILE), password.strip(), ALIAS, folder.resolve(CA_FILE),
                folder.resolve(CERTIFICATE_FILE));
    }

    private static String newPassword(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        // URL-safe base64 has no characters that a shell or OpenSSL's -passin file: would treat specially
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] keystore(SigningKey key, String password) {
        try {
            KeyStore store = KeyStore.getInstance(KEYSTORE_TYPE, GostProvider.NAME);
            store.load(null, null);
            store.setKeyEntry(ALIAS, key.privateKey(), password.toCharArray(),
                    key.chain().toArray(new X509Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password.toCharArray());
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot write the demo PKCS#12 keystore: " + e.getMessage(), e);
        }
    }

    private static byte[] pem(X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // written beside the target and moved into place, so that a reader never sees half a file
    private static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, bytes);
            if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, permissions);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
