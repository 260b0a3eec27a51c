package org.epgugateway.epgu;

/**
 * The order's description that EPGU wants when an order is reserved and, optionally, with every uploaded part.
 *
 * @param region OKATO code of the applicant's location
 * @param serviceCode EPGU form code
 * @param targetCode FRGU target code
 */
public record OrderMeta(String region, String serviceCode, String targetCode) {

    String toJson() {
        return "{\"region\":\"" + region + "\",\"serviceCode\":\"" + serviceCode + "\",\"targetCode\":\""
                + targetCode + "\"}";
    }
}
