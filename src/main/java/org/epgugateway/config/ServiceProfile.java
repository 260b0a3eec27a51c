package org.epgugateway.config;

import java.nio.file.Path;

/**
 * What the gateway needs to know about one EPGU service: its codes, how a drop is recognised and checked,
 * which documents the archive holds and how they are built, and how the answer is fetched.
 *
 * @param serviceCode the EPGU form code ({@code eServiceCode}), e.g. {@code 60010153}
 * @param targetCode the FRGU target code, e.g. {@code -60010153}
 * @param title a human title for logs and status files
 * @param dropNamespace the namespace of a drop's root element
 * @param dropRoot the local name of a drop's root element
 * @param dropSchema the XSD a drop must pass
 * @param business the business document: the drop with the order number stamped in
 * @param transport the transport document built from the business document
 * @param archiveName the name of the uploaded archive
 * @param signing what is signed inside the archive ({@link ArchiveSigningRules.None} for services that need none)
 * @param resultMnemonic the file name of the answer archive in the order's response files
 * @param businessKey which drop elements identify the applicant, the organisation and the side
 */
public record ServiceProfile(
        String serviceCode,
        String targetCode,
        String title,
        String dropNamespace,
        String dropRoot,
        Path dropSchema,
        Document business,
        Document transport,
        String archiveName,
        ArchiveSigningRules signing,
        String resultMnemonic,
        BusinessKeyFields businessKey) {

    /**
     * One file of the uploaded archive.
     *
     * @param name the file name inside the archive
     * @param xslt the stylesheet that builds it
     * @param schema the XSD it must pass before upload
     */
    public record Document(String name, Path xslt, Path schema) {
    }

    /**
     * Local names of the drop elements that make up the business key used to recognise duplicates.
     */
    public record BusinessKeyFields(String applicant, String organisation, String side) {
    }
}
