package jenkins.plugins.git.junit.jupiter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stub of git plugin's test {@code jenkins.plugins.git.junit.jupiter.WithGitSampleRepo}. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(GitSampleRepoExtension.class)
public @interface WithGitSampleRepo {
}
