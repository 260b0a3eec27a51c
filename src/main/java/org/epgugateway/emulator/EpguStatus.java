package org.epgugateway.emulator;

/**
 * The EPGU order statuses of service 60010153, with the titles EPGU shows.
 */
enum EpguStatus {
    DRAFT(0, "Черновик заявления", false),
    REGISTERED(17, "Зарегистрировано на портале", false),
    SENT(21, "Заявление отправлено в ведомство", false),
    RECEIVED(2, "Заявление получено ведомством", false),
    SERVED(3, "Услуга оказана", true),
    REFUSED(4, "Отказано в предоставлении услуги", true),
    DELIVERY_ERROR(5, "Ошибка отправки заявления в ведомство", true),
    SMEV_ERROR(22, "Ошибка получения заявления ведомством", true);

    private final int id;
    private final String title;
    private final boolean isFinal;

    EpguStatus(int id, String title, boolean isFinal) {
        this.id = id;
        this.title = title;
        this.isFinal = isFinal;
    }

    int id() {
        return id;
    }

    String title() {
        return title;
    }

    boolean isFinal() {
        return isFinal;
    }
}
