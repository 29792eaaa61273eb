package sample;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.AsyncPeriodicWork;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ManagementLink;
import hudson.model.TaskListener;
import hudson.model.listeners.ItemListener;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

public final class Background {
    private Background() {
    }

    @Extension
    public static class Outbox extends AsyncPeriodicWork {
        public Outbox() {
            super("Signed webhook outbox");
        }

        @Override
        public long getRecurrencePeriod() {
            return MIN;
        }

        @Override
        protected void execute(TaskListener listener) {
            listener.getLogger().println("delivering");
        }
    }

    @Extension
    public static class DeliveryLog extends ManagementLink {
        @Override
        public String getIconFileName() {
            return "symbol-list";
        }

        @Override
        public String getDisplayName() {
            return "Signed webhook deliveries";
        }

        @Override
        public String getUrlName() {
            return "signed-webhook-deliveries";
        }

        @Override
        public Category getCategory() {
            return Category.STATUS;
        }
    }

    @Extension
    @SuppressWarnings("rawtypes")
    public static class JobDeliveries extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @Override
        public Collection<? extends Action> createFor(Job target) {
            return List.of();
        }
    }

    @Extension
    public static class Reindex extends ItemListener {
        @Override
        public void onUpdated(Item item) {
            item.getFullName();
        }
    }
}
