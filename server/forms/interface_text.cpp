#include "server/forms/interface_text.hpp"

#include <algorithm>

namespace yardstick::server::forms {

namespace {

// One interface text: its id (to prove the table is in enum order), its stable name, and its wording in the
// order of kInterfaceLanguages (en, fr, de, it).
//
// Register: the forms are answered by company contacts and by travelling employees, so every language addresses
// them formally (French "vous", German "Sie", Italian "Lei" with the courtesy capital: "Le Sue risposte").
// Apostrophes are straight, and French puts a plain space before ":" "?" and ";", as in the bundled instruments
// whose texts appear on the same pages. The five likert points are worded exactly as in
// server/json/instrument_json.cpp (kLikertLabels), so that the form and the API never disagree.
struct Row {
    Text id;
    std::string_view name;
    std::array<std::string_view, kInterfaceLanguages.size()> texts;
};

constexpr std::array<Row, kTextCount> kTexts = {{
    {Text::language_label, "language_label", {"Language", "Langue", "Sprache", "Lingua"}},
    {Text::progress,
     "progress",
     {"Section {number} of {total}", "Section {number} sur {total}", "Abschnitt {number} von {total}",
      "Sezione {number} di {total}"}},
    {Text::start_heading,
     "start_heading",
     {"Before you start", "Avant de commencer", "Bevor Sie beginnen", "Prima di iniziare"}},
    {Text::purpose_heading,
     "purpose_heading",
     {"Why we ask", "Pourquoi ces questions", "Warum wir Sie fragen", "Perché queste domande"}},
    {Text::audience_heading,
     "audience_heading",
     {"Who sees your answers", "Qui voit vos réponses", "Wer Ihre Antworten sieht", "Chi vede le Sue risposte"}},
    {Text::consent_heading,
     "consent_heading",
     {"Your consent", "Votre consentement", "Ihre Einwilligung", "Il Suo consenso"}},
    {Text::consent_agree,
     "consent_agree",
     {"I have read this statement and I agree.", "J'ai lu cette déclaration et je donne mon accord.",
      "Ich habe diese Erklärung gelesen und bin einverstanden.",
      "Ho letto questa dichiarazione e do il mio consenso."}},
    {Text::consent_required,
     "consent_required",
     {"Tick the box to agree before you answer the questions.",
      "Veuillez cocher la case pour donner votre accord avant de répondre aux questions.",
      "Bitte kreuzen Sie das Kästchen an, um zuzustimmen, bevor Sie die Fragen beantworten.",
      "Selezioni la casella per dare il Suo consenso prima di rispondere alle domande."}},
    {Text::consent_changed,
     "consent_changed",
     {"The consent statement has changed since you agreed: read it and agree again.",
      "La déclaration de consentement a été modifiée depuis que vous l'avez acceptée : veuillez la relire et "
      "donner à nouveau votre accord.",
      "Die Einwilligungserklärung hat sich geändert, seit Sie zugestimmt haben: Bitte lesen Sie sie und stimmen "
      "Sie erneut zu.",
      "La dichiarazione di consenso è stata modificata dopo che Lei l'ha accettata: la legga e dia di nuovo il Suo "
      "consenso."}},
    {Text::continue_button, "continue_button", {"Continue", "Continuer", "Weiter", "Continua"}},
    {Text::back_button, "back_button", {"Back", "Retour", "Zurück", "Indietro"}},
    {Text::save_button,
     "save_button",
     {"Save and finish later", "Enregistrer et terminer plus tard", "Speichern und später abschließen",
      "Salva e completa più tardi"}},
    {Text::submit_button,
     "submit_button",
     {"Submit my answers", "Envoyer mes réponses", "Meine Antworten absenden", "Invia le mie risposte"}},
    {Text::amend_button,
     "amend_button",
     {"Submit my changes", "Envoyer mes modifications", "Meine Änderungen absenden", "Invia le mie modifiche"}},
    {Text::saved_notice,
     "saved_notice",
     {"Your answers are saved. Come back with the same link to finish.",
      "Vos réponses sont enregistrées. Pour terminer, il vous suffit de revenir avec le même lien.",
      "Ihre Antworten sind gespeichert. Um den Fragebogen abzuschließen, öffnen Sie einfach wieder denselben Link.",
      "Le Sue risposte sono state salvate. Per completare il questionario, torni con lo stesso link."}},
    {Text::check_heading,
     "check_heading",
     {"Check your answers", "Vérifiez vos réponses", "Überprüfen Sie Ihre Antworten", "Controlli le Sue risposte"}},
    {Text::check_intro,
     "check_intro",
     {"Look over your answers before you submit them. You can still change them.",
      "Relisez vos réponses avant de les envoyer. Vous pouvez encore les modifier.",
      "Bitte sehen Sie Ihre Antworten durch, bevor Sie sie absenden. Sie können sie noch ändern.",
      "Rilegga le Sue risposte prima di inviarle. Può ancora modificarle."}},
    {Text::change_link, "change_link", {"Change", "Modifier", "Ändern", "Modifica"}},
    {Text::not_answered, "not_answered", {"Not answered", "Sans réponse", "Nicht beantwortet", "Nessuna risposta"}},
    // German "(optional)" would be correct too, but "(freiwillig)" is the usual wording in German surveys (and
    // keeps every German text distinct from the English one).
    {Text::optional_marker, "optional_marker", {"(optional)", "(facultatif)", "(freiwillig)", "(facoltativo)"}},
    {Text::yes, "yes", {"Yes", "Oui", "Ja", "Sì"}},
    // Italian "No" is spelt as in English (interface_text_test allows exactly this one).
    {Text::no, "no", {"No", "Non", "Nein", "No"}},
    {Text::likert_1,
     "likert_1",
     {"Strongly disagree", "Pas du tout d'accord", "Stimme überhaupt nicht zu", "Per niente d'accordo"}},
    {Text::likert_2, "likert_2", {"Disagree", "Pas d'accord", "Stimme nicht zu", "In disaccordo"}},
    {Text::likert_3,
     "likert_3",
     {"Neither agree nor disagree", "Ni d'accord ni pas d'accord", "Weder Zustimmung noch Ablehnung",
      "Né d'accordo né in disaccordo"}},
    {Text::likert_4, "likert_4", {"Agree", "D'accord", "Stimme zu", "D'accordo"}},
    {Text::likert_5,
     "likert_5",
     {"Strongly agree", "Tout à fait d'accord", "Stimme voll und ganz zu", "Del tutto d'accordo"}},
    {Text::select_all_hint,
     "select_all_hint",
     {"Select all that apply.", "Cochez toutes les réponses qui conviennent.",
      "Bitte wählen Sie alle zutreffenden Antworten aus.", "Selezioni tutte le risposte pertinenti."}},
    {Text::date_hint,
     "date_hint",
     {"For example 2017-06-30 (year-month-day).", "Par exemple 2017-06-30 (année-mois-jour).",
      "Zum Beispiel 2017-06-30 (Jahr-Monat-Tag).", "Ad esempio 2017-06-30 (anno-mese-giorno)."}},
    {Text::length_hint,
     "length_hint",
     {"Up to {max} characters.", "{max} caractères au maximum.", "Höchstens {max} Zeichen.",
      "Al massimo {max} caratteri."}},
    {Text::error_summary_title,
     "error_summary_title",
     {"There is a problem", "Il y a un problème", "Es gibt ein Problem", "C'è un problema"}},
    {Text::error_required,
     "error_required",
     {"Answer this question.", "Veuillez répondre à cette question.", "Bitte beantworten Sie diese Frage.",
      "Risponda a questa domanda."}},
    {Text::error_choice,
     "error_choice",
     {"Choose one of the options.", "Veuillez choisir l'une des options.", "Bitte wählen Sie eine der Optionen aus.",
      "Scelga una delle opzioni."}},
    {Text::error_whole_number,
     "error_whole_number",
     {"Enter a whole number.", "Veuillez saisir un nombre entier.", "Bitte geben Sie eine ganze Zahl ein.",
      "Inserisca un numero intero."}},
    {Text::error_number,
     "error_number",
     {"Enter a number.", "Veuillez saisir un nombre.", "Bitte geben Sie eine Zahl ein.", "Inserisca un numero."}},
    {Text::error_range,
     "error_range",
     {"Enter a number from {min} to {max}.", "Veuillez saisir un nombre de {min} à {max}.",
      "Bitte geben Sie eine Zahl von {min} bis {max} ein.", "Inserisca un numero da {min} a {max}."}},
    {Text::error_date,
     "error_date",
     {"Enter a date as year-month-day, for example 2017-06-30.",
      "Veuillez saisir une date au format année-mois-jour, par exemple 2017-06-30.",
      "Bitte geben Sie ein Datum im Format Jahr-Monat-Tag ein, zum Beispiel 2017-06-30.",
      "Inserisca una data nel formato anno-mese-giorno, ad esempio 2017-06-30."}},
    {Text::error_too_long,
     "error_too_long",
     {"Shorten your answer to {max} characters or fewer.",
      "Veuillez raccourcir votre réponse à {max} caractères au maximum.",
      "Bitte kürzen Sie Ihre Antwort auf höchstens {max} Zeichen.",
      "Accorci la Sua risposta a un massimo di {max} caratteri."}},
    {Text::error_invalid,
     "error_invalid",
     {"Check this answer.", "Veuillez vérifier cette réponse.", "Bitte überprüfen Sie diese Antwort.",
      "Controlli questa risposta."}},
    {Text::done_title,
     "done_title",
     {"Thank you: your answers are submitted", "Merci : vos réponses ont été envoyées",
      "Vielen Dank: Ihre Antworten wurden übermittelt", "Grazie: le Sue risposte sono state inviate"}},
    {Text::receipt_label,
     "receipt_label",
     {"Receipt number", "Numéro d'accusé de réception", "Nummer der Eingangsbestätigung", "Numero di ricevuta"}},
    {Text::done_answers_heading,
     "done_answers_heading",
     {"What you answered", "Vos réponses", "Ihre Antworten", "Le Sue risposte"}},
    {Text::amend_possible,
     "amend_possible",
     {"You can change your answers with the same link until this survey wave closes.",
      "Vous pouvez modifier vos réponses avec le même lien jusqu'à la clôture de cette vague d'enquête.",
      "Sie können Ihre Antworten über denselben Link ändern, bis diese Befragungswelle abgeschlossen ist.",
      "Può modificare le Sue risposte con lo stesso link fino alla chiusura di questa rilevazione."}},
    {Text::amending_notice,
     "amending_notice",
     {"You submitted your answers on {date}. Changes you submit now are recorded as a new version; you can make "
      "them until the survey wave closes.",
      "Vous avez envoyé vos réponses le {date}. Les modifications que vous envoyez maintenant sont enregistrées "
      "comme une nouvelle version ; vous pouvez les apporter jusqu'à la clôture de la vague d'enquête.",
      "Sie haben Ihre Antworten am {date} übermittelt. Änderungen, die Sie jetzt absenden, werden als neue Version "
      "gespeichert; Sie können sie vornehmen, bis die Befragungswelle abgeschlossen ist.",
      "Ha inviato le Sue risposte il {date}. Le modifiche che invia ora vengono registrate come nuova versione; può "
      "apportarle fino alla chiusura della rilevazione."}},
    {Text::not_found_title,
     "not_found_title",
     {"This link does not open a form", "Ce lien n'ouvre aucun questionnaire", "Dieser Link führt zu keinem Fragebogen",
      "Questo link non apre alcun questionario"}},
    {Text::not_found_body,
     "not_found_body",
     {"Check that you copied the whole link from your invitation. If it still does not work, ask the person who "
      "invited you for a new link.",
      "Vérifiez que vous avez copié le lien complet figurant dans votre invitation. S'il ne fonctionne toujours "
      "pas, demandez un nouveau lien à la personne qui vous a envoyé l'invitation.",
      "Bitte prüfen Sie, ob Sie den vollständigen Link aus Ihrer Einladung kopiert haben. Wenn er weiterhin nicht "
      "funktioniert, bitten Sie die Person, die Sie eingeladen hat, um einen neuen Link.",
      "Verifichi di aver copiato il link completo dal Suo invito. Se continua a non funzionare, chieda un nuovo "
      "link a chi Le ha inviato l'invito."}},
    {Text::gone_title,
     "gone_title",
     {"This survey is closed", "Cette enquête est clôturée", "Diese Befragung ist abgeschlossen",
      "Questa indagine è chiusa"}},
    {Text::gone_expired_body,
     "gone_expired_body",
     {"Your link expired on {date}.", "Votre lien a expiré le {date}.", "Ihr Link ist am {date} abgelaufen.",
      "Il Suo link è scaduto il {date}."}},
    {Text::gone_closed_body,
     "gone_closed_body",
     {"This survey wave closed on {date}: answers can no longer be given or changed.",
      "Cette vague d'enquête a été clôturée le {date} : il n'est plus possible de répondre ni de modifier des "
      "réponses.",
      "Diese Befragungswelle wurde am {date} abgeschlossen: Antworten können nicht mehr abgegeben oder geändert "
      "werden.",
      "Questa rilevazione si è chiusa il {date}: non è più possibile inviare o modificare risposte."}},
    {Text::gone_contact,
     "gone_contact",
     {"Questions? Write to {contact}.", "Des questions ? Écrivez à {contact}.",
      "Haben Sie Fragen? Schreiben Sie an {contact}.", "Ha domande? Scriva a {contact}."}},
    {Text::skip_to_content,
     "skip_to_content",
     {"Skip to the questions", "Aller aux questions", "Direkt zu den Fragen", "Vai alle domande"}},
    {Text::your_data_heading, "your_data_heading", {"Your data", "Vos données", "Ihre Daten", "I Suoi dati"}},
    {Text::your_data_link,
     "your_data_link",
     {"See everything held about you", "Voir tout ce qui est conservé à votre sujet",
      "Alles ansehen, was über Sie gespeichert ist", "Veda tutto ciò che è conservato su di Lei"}},
    {Text::withdraw_link,
     "withdraw_link",
     {"Withdraw your consent", "Retirer votre consentement", "Ihre Einwilligung widerrufen",
      "Revochi il Suo consenso"}},
    {Text::withdraw_title,
     "withdraw_title",
     {"Withdraw your consent", "Retirer votre consentement", "Einwilligung widerrufen", "Revoca del consenso"}},
    {Text::withdraw_body,
     "withdraw_body",
     {"If you withdraw your consent, your name, e-mail address and answers are erased and your answers no longer "
      "count in any figure. This cannot be undone.",
      "Si vous retirez votre consentement, votre nom, votre adresse e-mail et vos réponses sont effacés et vos "
      "réponses ne comptent plus dans aucun chiffre. Cette action est définitive.",
      "Wenn Sie Ihre Einwilligung widerrufen, werden Ihr Name, Ihre E-Mail-Adresse und Ihre Antworten gelöscht, und "
      "Ihre Antworten zählen in keiner Zahl mehr. Dies kann nicht rückgängig gemacht werden.",
      "Se revoca il Suo consenso, il Suo nome, il Suo indirizzo e-mail e le Sue risposte vengono cancellati e le Sue "
      "risposte non contano più in alcun dato. L'operazione è irreversibile."}},
    {Text::withdraw_button,
     "withdraw_button",
     {"Withdraw my consent and erase my answers", "Retirer mon consentement et effacer mes réponses",
      "Einwilligung widerrufen und meine Antworten löschen", "Revoca il consenso e cancella le mie risposte"}},
    {Text::withdrawn_title,
     "withdrawn_title",
     {"Your consent is withdrawn", "Votre consentement est retiré", "Ihre Einwilligung ist widerrufen",
      "Il Suo consenso è stato revocato"}},
    {Text::withdrawn_body,
     "withdrawn_body",
     {"What identified you is erased, and your answers no longer count. This link no longer opens the form.",
      "Ce qui vous identifiait est effacé et vos réponses ne comptent plus. Ce lien n'ouvre plus le formulaire.",
      "Was Sie identifiziert hat, ist gelöscht, und Ihre Antworten zählen nicht mehr. Dieser Link öffnet das "
      "Formular nicht mehr.",
      "Ciò che La identificava è stato cancellato e le Sue risposte non contano più. Questo link non apre più il "
      "modulo."}},
}};

// Row i is Text(i), and every row is filled in: a row left out would be value-initialised (id 0, empty name),
// so this catches a missing, an extra or a misplaced row at compile time.
constexpr bool rows_in_enum_order() {
    for (std::size_t i = 0; i < kTexts.size(); ++i) {
        if (static_cast<std::size_t>(kTexts[i].id) != i || kTexts[i].name.empty()) {
            return false;
        }
        for (const std::string_view t : kTexts[i].texts) {
            if (t.empty()) {
                return false;
            }
        }
    }
    return true;
}
static_assert(rows_in_enum_order(), "kTexts must hold one complete row per Text, in enum order");

constexpr std::size_t language_index(std::string_view language) {
    const auto it = std::find(kInterfaceLanguages.begin(), kInterfaceLanguages.end(), language);
    return it == kInterfaceLanguages.end() ? 0 : static_cast<std::size_t>(it - kInterfaceLanguages.begin());
}

}  // namespace

std::string_view text(Text id, std::string_view language) {
    const auto row = static_cast<std::size_t>(id);
    if (row >= kTexts.size()) {
        return {};
    }
    return kTexts[row].texts[language_index(language)];
}

std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string>> values) {
    std::string out;
    out.reserve(pattern.size());
    std::size_t pos = 0;
    while (pos < pattern.size()) {
        const std::size_t open = pattern.find('{', pos);
        if (open == std::string_view::npos) {
            break;
        }
        const std::size_t close = pattern.find('}', open + 1);
        if (close == std::string_view::npos) {
            break;
        }
        // In "{a{b}" only "{b}" is a placeholder: restart at the inner brace.
        const std::size_t inner = pattern.find('{', open + 1);
        if (inner < close) {
            out.append(pattern.substr(pos, inner - pos));
            pos = inner;
            continue;
        }
        out.append(pattern.substr(pos, open - pos));
        const std::string_view name = pattern.substr(open + 1, close - open - 1);
        const auto value = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
        if (value == values.end()) {
            out.append(pattern.substr(open, close - open + 1));
        } else {
            out.append(value->second);  // inserted as given, never scanned for placeholders itself
        }
        pos = close + 1;
    }
    out.append(pattern.substr(pos));
    return out;
}

std::string_view text_name(Text id) {
    const auto row = static_cast<std::size_t>(id);
    return row < kTexts.size() ? kTexts[row].name : std::string_view{};
}

}  // namespace yardstick::server::forms
