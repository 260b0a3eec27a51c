package org.epgugateway.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the signing key from a PKCS#12 file, as written by OpenSSL, BouncyCastle, the JDK or a CryptoPro export.
 *
 * <p>A CryptoPro export that wraps its key with CryptoPro's proprietary algorithm is reported as such: no open
 * library reads those.
 */
public final class Pkcs12KeySource implements KeySource {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs12KeySource.class);

    private final Path file;
    private final char[] password;
    private final String alias;

    /**
     * Describes a keystore file without reading it yet.
     *
     * @param file the PKCS#12 file
     * @param password the password of the file and of its key entry; copied, so the caller may clear its array
     * @param alias the key entry to use; null or blank means the only key entry of the file
     */
    public Pkcs12KeySource(Path file, char[] password, String alias) {
        this.file = Objects.requireNonNull(file, "file");
        this.password = Objects.requireNonNull(password, "password").clone();
        this.alias = alias == null || alias.isBlank() ? null : alias.strip();
    }

    @Override
    public SigningKey load() {
        KeyStore store = open();
        String entry = alias == null ? onlyKeyEntry(store) : namedKeyEntry(store);
        SigningKey key = new SigningKey(privateKey(store, entry), certificate(store, entry), chain(store, entry));
        LOG.debug("Loaded signing key '{}' for {} from {}", entry, OrganisationCertificate.describe(key.certificate()),
                file);
        return key;
    }

    private KeyStore open() {
        if (!Files.isRegularFile(file)) {
            throw new KeySourceException("PKCS#12 keystore " + file + " does not exist or is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new KeySourceException("PKCS#12 keystore " + file + " is not readable by this user");
        }
        GostProvider.install();
        try (InputStream in = Files.newInputStream(file)) {
            // BouncyCastle rather than the JDK: it also reads the GOST-protected files that CryptoPro exports
            KeyStore store = KeyStore.getInstance("PKCS12", GostProvider.NAME);
            store.load(in, password);
            return store;
        } catch (IOException e) {
            // the KeyStore contract: a wrong password surfaces as an IOException caused by UnrecoverableKeyException
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new KeySourceException("Wrong password for PKCS#12 keystore " + file, e);
            }
            throw unsupportedWrapping(e).orElseGet(() -> new KeySourceException("Cannot read " + file
                    + " as a PKCS#12 keystore: it is damaged, not PKCS#12 or uses an unsupported protection ("
                    + e + ")" + keyBagProtection(), e));
        } catch (GeneralSecurityException e) {
            throw unsupportedWrapping(e).orElseGet(() -> new KeySourceException("Cannot read PKCS#12 keystore "
                    + file + ": " + e + keyBagProtection(), e));
        }
    }

    private Optional<KeySourceException> unsupportedWrapping(Exception cause) {
        if (!wrappings().contains(Pkcs12Wrapping.CRYPTOPRO_KEY_EXPORT)) {
            return Optional.empty();
        }
        return Optional.of(new KeySourceException("PKCS#12 keystore " + file + " protects its key with CryptoPro's "
                + "proprietary export wrapping (OID " + Pkcs12Wrapping.CRYPTOPRO_KEY_EXPORT + ", 'pbeUnknownGost'), "
                + "which no open library can read. Export the key again without it, or sign through CryptoPro CSP "
                + "with signing.key-source=command", cause));
    }

    private String keyBagProtection() {
        Set<ASN1ObjectIdentifier> wrappings = wrappings();
        return wrappings.isEmpty() ? "" : "; its key bags are protected with " + wrappings;
    }

    private Set<ASN1ObjectIdentifier> wrappings() {
        try {
            return Pkcs12Wrapping.keyBagAlgorithms(Files.readAllBytes(file));
        } catch (IOException e) {
            return Set.of();
        }
    }

    private String onlyKeyEntry(KeyStore store) {
        List<String> keyEntries = keyEntries(store);
        if (keyEntries.isEmpty()) {
            throw new KeySourceException("PKCS#12 keystore " + file + " holds no private key entry; its entries: "
                    + describe(aliases(store)));
        }
        // the order of entries is not kept by the KeyStore API, so picking one of several would be a guess
        if (keyEntries.size() > 1) {
            throw new KeySourceException("PKCS#12 keystore " + file + " holds several key entries "
                    + keyEntries + ": name the one to use as the alias");
        }
        return keyEntries.get(0);
    }

    private String namedKeyEntry(KeyStore store) {
        try {
            if (!store.containsAlias(alias)) {
                throw new KeySourceException("Alias '" + alias + "' not found in PKCS#12 keystore " + file
                        + "; its key entries: " + describe(keyEntries(store)));
            }
            if (!store.isKeyEntry(alias)) {
                throw new KeySourceException("Alias '" + alias + "' in PKCS#12 keystore " + file
                        + " is a certificate without a private key; its key entries: " + describe(keyEntries(store)));
            }
            return alias;
        } catch (KeyStoreException e) {
            throw new KeySourceException("Cannot read PKCS#12 keystore " + file + ": " + e, e);
        }
    }

    private PrivateKey privateKey(KeyStore store, String entry) {
        try {
            Key key = store.getKey(entry, password);
            if (key instanceof PrivateKey) {
                return (PrivateKey) key;
            }
            throw new KeySourceException("Entry '" + entry + "' in PKCS#12 keystore " + file
                    + " is not a private key");
        } catch (UnrecoverableKeyException e) {
            // Limitation: the key entry must use the same password as the file, as OpenSSL and CryptoPro write it
            throw new KeySourceException("Wrong password for key entry '" + entry + "' in PKCS#12 keystore " + file
                    + " (it must equal the keystore password)", e);
        } catch (GeneralSecurityException e) {
            throw unsupportedWrapping(e).orElseGet(() -> new KeySourceException("Cannot read key entry '" + entry
                    + "' from " + file + ": " + e + keyBagProtection(), e));
        }
    }

    private X509Certificate certificate(KeyStore store, String entry) {
        try {
            Certificate certificate = store.getCertificate(entry);
            if (certificate instanceof X509Certificate) {
                return (X509Certificate) certificate;
            }
            throw new KeySourceException("Key entry '" + entry + "' in PKCS#12 keystore " + file
                    + " has no X.509 certificate");
        } catch (KeyStoreException e) {
            throw new KeySourceException("Cannot read the certificate of '" + entry + "' from " + file, e);
        }
    }

    private List<X509Certificate> chain(KeyStore store, String entry) {
        try {
            Certificate[] chain = store.getCertificateChain(entry);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain == null ? new Certificate[0] : chain) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (KeyStoreException e) {
            throw new KeySourceException("Cannot read the certificate chain of '" + entry + "' from " + file, e);
        }
    }

    private List<String> keyEntries(KeyStore store) {
        List<String> keyEntries = new ArrayList<>();
        for (String name : aliases(store)) {
            try {
                if (store.isKeyEntry(name)) {
                    keyEntries.add(name);
                }
            } catch (KeyStoreException e) {
                throw new KeySourceException("Cannot read PKCS#12 keystore " + file + ": " + e, e);
            }
        }
        return keyEntries;
    }

    private List<String> aliases(KeyStore store) {
        try {
            List<String> aliases = Collections.list(store.aliases());
            Collections.sort(aliases);
            return aliases;
        } catch (KeyStoreException e) {
            throw new KeySourceException("Cannot read PKCS#12 keystore " + file + ": " + e, e);
        }
    }

    private static String describe(List<String> names) {
        return names.isEmpty() ? "none" : names.toString();
    }
}
