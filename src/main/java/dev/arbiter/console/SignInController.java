package dev.arbiter.console;

import dev.arbiter.security.Caller;
import dev.arbiter.security.People;
import dev.arbiter.security.PeopleProperties;
import dev.arbiter.security.PersonAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in (the form; Spring Security checks the POST) and the change of one's own password,
 * which a person whose password someone else chose must do before anything else.
 */
@Controller
class SignInController {

    private final People people;
    private final PeopleProperties properties;

    SignInController(People people, PeopleProperties properties) {
        this.people = people;
        this.properties = properties;
    }

    @GetMapping("/console/sign-in")
    String signIn(Model model) {
        model.addAttribute("lockoutFailures", properties.lockoutFailures());
        model.addAttribute("lockoutMinutes", properties.lockoutDuration().toMinutes());
        return "console/sign-in";
    }

    @GetMapping("/console/password")
    String password(Model model, Caller me) {
        model.addAttribute("required", people.find(me.person()).orElseThrow().mustChangePassword());
        model.addAttribute("minLength", People.MIN_PASSWORD_LENGTH);
        return "console/password";
    }

    @PostMapping("/console/password")
    String changePassword(
            @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String repeated,
            Caller me,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        List<String> problems = people.changePassword(me.person(), current, password, repeated);
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            model.addAttribute(
                    "required", people.find(me.person()).orElseThrow().mustChangePassword());
            model.addAttribute("minLength", People.MIN_PASSWORD_LENGTH);
            response.setStatus(422);
            return "console/password";
        }
        PersonAuthentication.renew(people.find(me.person()).orElseThrow(), request, response);
        return "redirect:/console?password-changed";
    }
}
