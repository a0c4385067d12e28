package dev.warden.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Enables {@link WardenAuthorize} on the beans of the application context: calls of annotated
 * methods are decided by a {@link WardenMethodAuthorizationManager} before they run. The context
 * must hold an {@code Authorizer} bean (the Boot starter makes one); a {@link PrincipalResolver}
 * bean is used when there is one, {@link PrincipalResolver#standard()} otherwise. It works beside
 * Spring Security's {@code @EnableMethodSecurity} ({@code @PreAuthorize} and the rest), and
 * without it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({WardenMethodSecurityConfiguration.class, WardenMethodSecurityConfiguration.ProxyCreator.class})
public @interface EnableWardenMethodSecurity {}
