package org.epgugateway.store;

/**
 * The order store could not be read or written; the drop stays where it was and is retried.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
