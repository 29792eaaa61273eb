package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of jenkins-2.479.3 {@code hudson.util.ListBoxModel}. */
@ExportedBean
public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    /** Stub of jenkins-2.479.3 {@code hudson.util.ListBoxModel.Option}. */
    @ExportedBean(defaultVisibility = 999)
    public static final class Option {
        @Exported
        @NonNull
        public String name;

        @Exported
        @NonNull
        public String value;

        @Exported
        public boolean selected;

        public Option(@NonNull String name, @NonNull String value) {
            throw new UnsupportedOperationException("stub");
        }

        public Option(@NonNull String name, @NonNull String value, boolean selected) {
            throw new UnsupportedOperationException("stub");
        }
    }

    public ListBoxModel() {
        throw new UnsupportedOperationException("stub");
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException, ServletException {
        throw new UnsupportedOperationException("stub");
    }
}
