package org.epgugateway.signing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;
import org.epgugateway.signing.pkcs11.Pkcs11Key;
import org.epgugateway.signing.pkcs11.Pkcs11KeySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's signing and verification as configured by the {@code signing.*} settings: which key source, which
 * time-stamping authority, which trust roots and revocation sources.
 *
 * <p>Passwords and PINs are read from their setting (and so from its environment variable) or from the file named
 * by the same key with {@code -file} appended; they are never logged. Relative paths resolve against the gateway's
 * home folder. Close it to end a token session.
 */
public final class SigningConfiguration implements AutoCloseable {

    /** Where the signing key lives. */
    public enum KeySourceKind { PKCS12, PEM, PKCS11, COMMAND }

    private static final Logger LOG = LoggerFactory.getLogger(SigningConfiguration.class);

    private final KeySourceKind kind;
    private final String description;
    private final Signer signer;
    private final List<X509Certificate> chain;
    private final Signer timestampingSigner;
    private final CmsVerifier verifier;
    private final AutoCloseable resource;
    private final SigningKey fileKey;
    private final Duration selfCheckInterval;
    private final Duration expiryWarning;

    private SigningConfiguration(KeySourceKind kind, String description, KeyedSigner keyed, Signer timestampingSigner,
            CmsVerifier verifier, Duration selfCheckInterval, Duration expiryWarning) {
        this.kind = kind;
        this.description = description;
        this.signer = keyed.signer();
        this.chain = keyed.chain();
        this.timestampingSigner = timestampingSigner;
        this.verifier = verifier;
        this.resource = keyed.resource();
        this.fileKey = keyed.fileKey();
        this.selfCheckInterval = selfCheckInterval;
        this.expiryWarning = expiryWarning;
    }

    /**
     * Reads the settings and opens the key source.
     *
     * @param home the folder relative paths resolve against
     * @return the configuration; never null
     * @throws SettingsException when a setting is missing or malformed, naming it and its environment variable
     * @throws KeySourceException when the key cannot be loaded
     */
    public static SigningConfiguration load(Path home, GatewaySettings settings) {
        GostProvider.install();
        KeySourceKind kind = kind(settings);
        CmsVerifier verifier = verifier(home, settings);
        KeyedSigner keyed = keyedSigner(home, settings, kind);
        Signer signer = keyed.signer();
        String description = keyed.description();
        Signer timestamping = timestampClient(settings).map(tsa -> (Signer) new TimestampingSigner(signer, tsa))
                .orElse(null);
        LOG.info("Signing with {} as {}; {}; {}", description, OrganisationCertificate.describe(signer.certificate()),
                timestamping == null ? "no timestamps (CAdES-BES)" : "timestamps from " + settings.require(
                "signing.tsa.url") + " (CAdES-T)", verifier.checksTrust()
                ? "signatures are checked against " + settings.require("signing.trust-roots")
                : "no trust roots configured: signer chains are not checked");
        return new SigningConfiguration(kind, description, keyed, timestamping, verifier,
                settings.getDuration("signing.self-check-interval", Duration.ofMinutes(10)),
                settings.getDuration("signing.expiry-warning", Duration.ofDays(30)));
    }

    /**
     * Reads only the verification settings ({@code signing.trust-roots}, {@code signing.crls},
     * {@code signing.ocsp.*}), for checking signatures where no key is configured.
     *
     * @throws SettingsException when a setting is malformed or a trust root cannot be read
     */
    public static CmsVerifier loadVerifier(Path home, GatewaySettings settings) {
        GostProvider.install();
        return verifier(home, settings);
    }

    /** The signer with what it was made of; {@code fileKey} is set when the private key itself was loaded. */
    private record KeyedSigner(Signer signer, List<X509Certificate> chain, String description,
            AutoCloseable resource, SigningKey fileKey) {
    }

    private static KeyedSigner keyedSigner(Path home, GatewaySettings settings, KeySourceKind kind) {
        switch (kind) {
            case PEM -> {
                Path keyFile = path(home, settings, "signing.key-file");
                SigningKey key = new PemKeySource(keyFile, path(home, settings, "signing.certificate-file"),
                        optionalSecret(home, settings, "signing.key-password")).load();
                return new KeyedSigner(new CmsSigner(key), key.chain(), "PEM key " + keyFile, null, key);
            }
            case PKCS11 -> {
                Pkcs11KeySource source = new Pkcs11KeySource(path(home, settings, "signing.pkcs11.library"),
                        settings.get("signing.pkcs11.token-label", ""), slot(settings),
                        settings.get("signing.pkcs11.key-label", ""), settings.get("signing.pkcs11.key-id", ""),
                        secret(home, settings, "signing.pkcs11.pin"), optionalPath(home, settings,
                        "signing.certificate-file"));
                Pkcs11Key key = source.open();
                return new KeyedSigner(new CmsSigner(key), key.chain(), source.toString(), key, null);
            }
            case COMMAND -> {
                List<String> command = Arrays.asList(settings.require("signing.command").trim().split("\\s+"));
                Path certificateFile = path(home, settings, "signing.certificate-file");
                CommandSigner signer = new CommandSigner(command, certificateFile,
                        settings.getDuration("signing.command-timeout", Duration.ofSeconds(60)));
                return new KeyedSigner(signer, Certificates.read(certificateFile), "signer command " + command.get(0),
                        null, null);
            }
            default -> {
                Path keystore = path(home, settings, "signing.keystore");
                SigningKey key = new Pkcs12KeySource(keystore, secret(home, settings, "signing.keystore-password"),
                        settings.get("signing.key-alias", "")).load();
                return new KeyedSigner(new CmsSigner(key), key.chain(), "PKCS#12 keystore " + keystore, null, key);
            }
        }
    }

    /**
     * The private key itself when it was loaded from a file (PKCS#12 or PEM); keys on tokens and behind a signer
     * command never leave them.
     */
    public Optional<SigningKey> fileKey() {
        return Optional.ofNullable(fileKey);
    }

    /** The signing certificate's chain as the key source gave it, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The key source kind. */
    public KeySourceKind kind() {
        return kind;
    }

    /** Names the key source, for logs and health details; never a secret. */
    public String description() {
        return description;
    }

    /** The CAdES-BES signer, for tokens and wherever a timestamp is not wanted. */
    public Signer signer() {
        return signer;
    }

    /** The CAdES-T signer when a TSA is configured ({@code signing.tsa.url}). */
    public Optional<Signer> timestampingSigner() {
        return Optional.ofNullable(timestampingSigner);
    }

    /** The signer for files: CAdES-T when a TSA is configured, CAdES-BES otherwise. */
    public Signer fileSigner() {
        return timestampingSigner != null ? timestampingSigner : signer;
    }

    /** The verifier, with the configured trust roots and revocation sources. */
    public CmsVerifier verifier() {
        return verifier;
    }

    /** The certificate whose key signs. */
    public X509Certificate certificate() {
        return signer.certificate();
    }

    /** A self-check of this configuration's key, with the configured interval and expiry warning. */
    public SigningSelfCheck selfCheck(Clock clock) {
        return new SigningSelfCheck(signer, verifier, description, selfCheckInterval, expiryWarning, clock);
    }

    @Override
    public void close() {
        if (resource == null) {
            return; // nothing held open: keys from files live in memory only
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", description, e.getMessage());
        }
    }

    private static KeySourceKind kind(GatewaySettings settings) {
        String value = settings.get("signing.key-source", "pkcs12").toLowerCase(Locale.ROOT);
        try {
            return KeySourceKind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("signing.key-source (" + GatewaySettings.environmentName("signing.key-source")
                    + ") must be pkcs12, pem, pkcs11 or command, not '" + value + "'");
        }
    }

    private static CmsVerifier verifier(Path home, GatewaySettings settings) {
        List<String> roots = list(settings, "signing.trust-roots");
        List<String> crls = list(settings, "signing.crls");
        Optional<String> ocsp = settings.find("signing.ocsp.url");
        if (roots.isEmpty()) {
            if (!crls.isEmpty() || ocsp.isPresent()) {
                throw new SettingsException("signing.crls and signing.ocsp.url need signing.trust-roots ("
                        + GatewaySettings.environmentName("signing.trust-roots") + "): revocation is checked along "
                        + "the chain to a trust root");
            }
            return new CmsVerifier();
        }
        List<X509Certificate> trusted = Certificates.readAll(roots.stream().map(home::resolve).toList());
        CrlStore crlStore = crls.isEmpty() ? null : new CrlStore(crls.stream()
                .map(source -> CrlStore.isHttp(source) ? source : home.resolve(source).toString()).toList(),
                settings.getDuration("signing.crl-refresh", Duration.ofHours(1)),
                settings.getDuration("signing.crl-timeout", Duration.ofSeconds(30)), Clock.systemUTC());
        OcspClient ocspClient = ocsp.map(url -> new OcspClient(URI.create(url),
                settings.getDuration("signing.ocsp.timeout", Duration.ofSeconds(10)), certIdDigest(settings),
                Clock.systemUTC())).orElse(null);
        try {
            return new CmsVerifier(new CertificateValidator(trusted, crlStore, ocspClient, Clock.systemUTC()));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("signing.trust-roots: " + e.getMessage());
        }
    }

    private static ASN1ObjectIdentifier certIdDigest(GatewaySettings settings) {
        String value = settings.get("signing.ocsp.cert-id-digest", "gost3411-2012-256").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "gost3411-2012-256" -> RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256;
            case "sha1" -> OIWObjectIdentifiers.idSHA1;
            default -> throw new SettingsException("signing.ocsp.cert-id-digest must be gost3411-2012-256 or sha1, "
                    + "not '" + value + "'");
        };
    }

    private static Optional<TimestampClient> timestampClient(GatewaySettings settings) {
        return settings.find("signing.tsa.url").map(url -> new TimestampClient(URI.create(url),
                settings.getDuration("signing.tsa.timeout", Duration.ofSeconds(30)),
                settings.find("signing.tsa.policy").map(ASN1ObjectIdentifier::new).orElse(null)));
    }

    private static Long slot(GatewaySettings settings) {
        return settings.find("signing.pkcs11.slot").map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new SettingsException("signing.pkcs11.slot must be a slot number, not '" + value + "'");
            }
        }).orElse(null);
    }

    private static List<String> list(GatewaySettings settings, String key) {
        List<String> values = new ArrayList<>();
        for (String value : settings.get(key, "").split(",")) {
            if (!value.isBlank()) {
                values.add(value.strip());
            }
        }
        return values;
    }

    private static Path path(Path home, GatewaySettings settings, String key) {
        return home.resolve(settings.require(key));
    }

    private static Path optionalPath(Path home, GatewaySettings settings, String key) {
        return settings.find(key).map(home::resolve).orElse(null);
    }

    /**
     * A secret from its setting or from the file its {@code -file} setting names.
     *
     * @throws SettingsException when neither is set, naming both and their environment variables
     */
    static char[] secret(Path home, GatewaySettings settings, String key) {
        char[] secret = optionalSecret(home, settings, key);
        if (secret == null) {
            throw new SettingsException("Missing configuration: " + key + " (" + GatewaySettings.environmentName(key)
                    + ") or " + key + "-file (" + GatewaySettings.environmentName(key + "-file") + ")");
        }
        return secret;
    }

    private static char[] optionalSecret(Path home, GatewaySettings settings, String key) {
        return settings.findSecret(key, home).map(String::toCharArray).orElse(null);
    }
}
