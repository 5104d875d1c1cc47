package org.stemvault.application.access;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.stemvault.application.Transactions;
import org.stemvault.application.signin.Admin;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.audit.AuditLog;
import org.stemvault.domain.worker.WorkerToken;
import org.stemvault.domain.worker.WorkerTokenId;

/** Admins mint, list and revoke the tokens processing workers present. */
public final class WorkerTokenAdmin {

    private final Workers workers;
    private final AuditRecord audit;
    private final Transactions transactions;

    public WorkerTokenAdmin(
            Workers workers, AuditLog audit, Transactions transactions, Clock clock) {
        this.workers = workers;
        this.audit = new AuditRecord(audit, clock);
        this.transactions = transactions;
    }

    public Workers.Minted mint(Admin admin, String name, Duration validity) {
        return transactions.inTransaction(
                () -> {
                    Workers.Minted minted = workers.mint(name, validity);
                    audit.write(
                            admin,
                            "worker-token.mint",
                            minted.token().id().toString(),
                            null,
                            "name=" + name);
                    return minted;
                });
    }

    public void revoke(Admin admin, WorkerTokenId id) {
        transactions.inTransaction(
                () -> {
                    workers.revoke(id);
                    audit.write(admin, "worker-token.revoke", id.toString(), null, null);
                    return null;
                });
    }

    public List<WorkerToken> list(Admin admin) {
        return workers.list();
    }
}
