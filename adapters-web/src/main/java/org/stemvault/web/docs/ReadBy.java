package org.stemvault.web.docs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the code that reads a body {@link Bodies} describes: a class of this module, or one of its
 * members ({@code "AdminRequests.CreateProfile"}, {@code "RecordingsController.config"}). {@code
 * BodiesDriftTest} reads that code and fails when a documented field is not read there, or a field
 * read anywhere is documented nowhere: the description and the reader cannot drift apart.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReadBy {
    String value();
}
