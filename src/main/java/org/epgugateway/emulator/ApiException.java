package org.epgugateway.emulator;

/**
 * A refusal an endpoint answers with a JSON {@code {code, message}} body instead of its normal reply.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    static ApiException orderAccess() {
        return new ApiException(403, "order_access", "У пользователя нет прав для работы с текущим заявлением");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    HttpReply reply() {
        return HttpReply.error(status, code, getMessage());
    }
}
