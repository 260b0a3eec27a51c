package org.epgugateway.epgu;

/**
 * EPGU or ESIA refused the request for a reason that another attempt will not change (a bad request, missing
 * access rights, an unknown service): the drop goes to the dead-letter folder with EPGU's code and message.
 */
public class EpguRejectedException extends EpguException {

    public EpguRejectedException(String code, int httpStatus, String message) {
        super(code, httpStatus, message, null);
    }
}
