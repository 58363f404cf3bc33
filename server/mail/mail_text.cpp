#include "server/mail/mail_text.hpp"

#include <array>

namespace yardstick::server::mail {
namespace {

// One language's sentences; {p} is the programme, {n} the participant's
// name, {d} the last day the link works, {c} the contact.
struct Language {
    std::string_view code;
    std::string_view before;  // "before taking part"
    std::string_view after;
    std::string_view invitation_subject;  // {p}: …
    std::string_view reminder_subject;
    std::string_view greeting;
    std::string_view invitation_intro;  // … {w} (before/after) …
    std::string_view reminder_intro;
    std::string_view link_intro;
    std::string_view validity;
    std::string_view contact;
    std::string_view personal;
};

constexpr std::array<Language, 4> kLanguages = {{
    {"en", "before taking part", "after taking part", "{p}: your questionnaire {w}", "Reminder – {p}: your questionnaire",
     "Hello {n},",
     "{p} asks the companies and people who take part a few questions {w}. Your answers show what the programme "
     "achieves; they take about ten minutes.",
     "Your answers to the {p} questionnaire are still missing. They count: every answer makes the programme's "
     "figures more reliable.",
     "Your personal link:", "It works until {d}. You can stop at any time and continue later; what you typed is kept.",
     "Questions? Write to {c}.", "This link is personal: please do not forward it."},
    {"fr", "avant votre participation", "après votre participation", "{p} : votre questionnaire {w}",
     "Rappel – {p} : votre questionnaire", "Bonjour {n},",
     "{p} pose quelques questions aux entreprises et aux personnes qui participent, {w}. Vos réponses montrent ce que "
     "le programme apporte ; elles prennent une dizaine de minutes.",
     "Vos réponses au questionnaire {p} nous manquent encore. Elles comptent : chaque réponse rend les chiffres du "
     "programme plus fiables.",
     "Votre lien personnel :",
     "Il est valable jusqu'au {d}. Vous pouvez vous arrêter à tout moment et reprendre plus tard ; ce que vous avez "
     "saisi est conservé.",
     "Des questions ? Écrivez à {c}.", "Ce lien est personnel : merci de ne pas le transférer."},
    {"de", "vor Ihrer Teilnahme", "nach Ihrer Teilnahme", "{p}: Ihr Fragebogen {w}", "Erinnerung – {p}: Ihr Fragebogen",
     "Guten Tag {n},",
     "{p} stellt den teilnehmenden Unternehmen und Personen {w} einige Fragen. Ihre Antworten zeigen, was das "
     "Programm bewirkt; sie dauern etwa zehn Minuten.",
     "Ihre Antworten auf den Fragebogen von {p} fehlen noch. Sie zählen: Jede Antwort macht die Zahlen des Programms "
     "verlässlicher.",
     "Ihr persönlicher Link:",
     "Er gilt bis zum {d}. Sie können jederzeit unterbrechen und später weitermachen; Ihre Eingaben bleiben erhalten.",
     "Fragen? Schreiben Sie an {c}.", "Dieser Link ist persönlich: Bitte leiten Sie ihn nicht weiter."},
    {"it", "prima della partecipazione", "dopo la partecipazione", "{p}: il suo questionario {w}",
     "Promemoria – {p}: il suo questionario", "Gentile {n},",
     "{p} pone alcune domande alle imprese e alle persone che partecipano, {w}. Le sue risposte mostrano che cosa "
     "ottiene il programma; richiedono circa dieci minuti.",
     "Mancano ancora le sue risposte al questionario di {p}. Contano: ogni risposta rende più affidabili i dati del "
     "programma.",
     "Il suo link personale:",
     "È valido fino al {d}. Può interrompere in qualsiasi momento e continuare più tardi; ciò che ha inserito viene "
     "conservato.",
     "Domande? Scriva a {c}.", "Questo link è personale: la preghiamo di non inoltrarlo."},
}};

const Language& language_of(std::string_view code) {
    for (const auto& language : kLanguages) {
        if (language.code == code) {
            return language;
        }
    }
    return kLanguages[0];
}

std::string fill(std::string_view text, const MailFacts& facts, std::string_view when) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}') {
            switch (text[i + 1]) {
                case 'p':
                    out += facts.programme_name;
                    break;
                case 'n':
                    out += facts.participant_name;
                    break;
                case 'd':
                    out += facts.valid_until;
                    break;
                case 'c':
                    out += facts.contact;
                    break;
                case 'w':
                    out += when;
                    break;
                default:
                    out.append(text.substr(i, 3));
            }
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

MailWords mail_words(const MailFacts& facts) {
    const auto& words = language_of(facts.language);
    const bool reminder = facts.kind == "reminder";
    const std::string_view when = facts.wave == "pre" ? words.before : facts.wave == "post" ? words.after : "";
    MailWords mail;
    mail.subject = fill(reminder ? words.reminder_subject : words.invitation_subject, facts, when);
    // A wave that is neither pre nor post leaves "{w}" empty: tidy the space.
    if (mail.subject.ends_with(' ')) {
        mail.subject.pop_back();
    }
    mail.body = fill(words.greeting, facts, when) + "\n\n" +
                fill(reminder ? words.reminder_intro : words.invitation_intro, facts, when) + "\n\n" +
                std::string(words.link_intro) + "\n" + facts.url + "\n\n" + fill(words.validity, facts, when) + "\n\n";
    if (!facts.contact.empty()) {
        mail.body += fill(words.contact, facts, when) + "\n";
    }
    mail.body += std::string(words.personal) + "\n";
    return mail;
}

}  // namespace yardstick::server::mail
