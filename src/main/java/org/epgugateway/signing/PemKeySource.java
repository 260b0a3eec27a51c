package org.epgugateway.signing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the signing key from a PEM PKCS#8 file ({@code PRIVATE KEY} or {@code ENCRYPTED PRIVATE KEY}, as
 * {@code openssl genpkey} and {@code openssl pkcs8 -topk8} write them) and its certificate chain from a PEM file.
 */
public final class PemKeySource implements KeySource {

    private static final Logger LOG = LoggerFactory.getLogger(PemKeySource.class);
    private static final byte[] PROBE =
            "epgu-gateway key and certificate pairing probe".getBytes(StandardCharsets.US_ASCII);

    private final Path keyFile;
    private final Path certificateFile;
    private final char[] password;

    /**
     * Describes the files without reading them yet.
     *
     * @param keyFile the PEM PKCS#8 private key
     * @param certificateFile the PEM certificates: the key's certificate first, then any intermediates
     * @param password the password of an encrypted key, copied; null for a key that is not encrypted
     */
    public PemKeySource(Path keyFile, Path certificateFile, char[] password) {
        this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
        this.certificateFile = Objects.requireNonNull(certificateFile, "certificateFile");
        this.password = password == null ? null : password.clone();
    }

    @Override
    public SigningKey load() {
        GostProvider.install();
        PrivateKey privateKey = readKey();
        List<X509Certificate> chain = Certificates.read(certificateFile);
        if (chain.isEmpty()) {
            throw new KeySourceException("Certificate file " + certificateFile + " holds no PEM certificate");
        }
        requirePair(privateKey, chain.get(0));
        SigningKey key = new SigningKey(privateKey, chain.get(0), chain);
        LOG.debug("Loaded the signing key for {} from {}", OrganisationCertificate.describe(key.certificate()),
                keyFile);
        return key;
    }

    private PrivateKey readKey() {
        Object content = readPem();
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(GostProvider.NAME);
            if (content instanceof PrivateKeyInfo) {
                return converter.getPrivateKey((PrivateKeyInfo) content);
            }
            if (content instanceof PKCS8EncryptedPrivateKeyInfo) {
                return converter.getPrivateKey(decrypt((PKCS8EncryptedPrivateKeyInfo) content));
            }
            if (content instanceof PEMKeyPair) {
                return converter.getPrivateKey(((PEMKeyPair) content).getPrivateKeyInfo());
            }
            if (content instanceof PEMEncryptedKeyPair) {
                throw new KeySourceException("Key file " + keyFile + " uses OpenSSL's traditional encryption "
                        + "('Proc-Type: 4,ENCRYPTED'), which is not supported: convert it to encrypted PKCS#8 with "
                        + "'openssl pkcs8 -topk8 -v2 aes256'");
            }
        } catch (IOException e) {
            throw new KeySourceException("Cannot read the private key in " + keyFile + ": " + e.getMessage(), e);
        }
        throw new KeySourceException("Key file " + keyFile + " holds " + (content == null
                ? "no PEM object" : "a " + content.getClass().getSimpleName()) + ", not a PKCS#8 private key");
    }

    private Object readPem() {
        if (!Files.isRegularFile(keyFile)) {
            throw new KeySourceException("Key file " + keyFile + " does not exist or is not a file");
        }
        try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        } catch (IOException e) {
            throw new KeySourceException("Cannot read " + keyFile + " as a PEM file: " + e.getMessage(), e);
        }
    }

    private PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted) {
        if (password == null) {
            throw new KeySourceException("Key file " + keyFile + " is encrypted, but no password is configured");
        }
        try {
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(GostProvider.NAME).build(password);
            return encrypted.decryptPrivateKeyInfo(decryptor);
        } catch (PKCSException e) {
            throw new KeySourceException("Wrong password for the encrypted key in " + keyFile
                    + ", or an unsupported encryption (" + encrypted.getEncryptionAlgorithm().getAlgorithm() + ")", e);
        } catch (OperatorCreationException e) {
            throw new KeySourceException("Key file " + keyFile + " is encrypted with the unsupported algorithm "
                    + encrypted.getEncryptionAlgorithm().getAlgorithm(), e);
        }
    }

    // a key that does not belong to the certificate signs fine and fails only at the receiver, so check here
    private void requirePair(PrivateKey privateKey, X509Certificate certificate) {
        try {
            SignatureScheme scheme = SignatureScheme.of(certificate);
            Signature signer = Signature.getInstance(scheme.signatureName(), GostProvider.NAME);
            signer.initSign(privateKey);
            signer.update(PROBE);
            Signature verifier = Signature.getInstance(scheme.signatureName(), GostProvider.NAME);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            if (verifier.verify(signer.sign())) {
                return;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeySourceException("The key in " + keyFile + " cannot sign for the certificate "
                    + OrganisationCertificate.describe(certificate) + ": " + e.getMessage(), e);
        }
        throw new KeySourceException("The key in " + keyFile + " does not belong to the certificate "
                + OrganisationCertificate.describe(certificate) + " (the first one in " + certificateFile + ")");
    }
}
