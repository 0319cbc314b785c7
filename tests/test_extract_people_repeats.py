"""People read from the page's own repetition (monitor.extract.repeats), names with the surname
in capitals, and the words around a title that make its person another firm's.

Each page is small, hand-made for the rule it guards, and in a language other than the pages
the rule was first seen on.
"""

from __future__ import annotations

from monitor import normalize as nz
from monitor.extract.page import extract_page


def people(html: str, url: str = "https://www.example-firma.de/team") -> dict[str, str]:
    obs = extract_page(f"<html><body>{html}</body></html>".encode(), url)
    return {f.value: f.role or "" for f in obs.facts if f.field == "person"}


def evidence(html: str, url: str = "https://www.example-firma.de/team") -> dict[str, str]:
    obs = extract_page(f"<html><body>{html}</body></html>".encode(), url)
    return {f.value: f.evidence for f in obs.facts if f.field == "person"}


_CARD = '<div class="kachel"><img src="/p.jpg" alt=""><h4>{name}</h4><span>{role}</span><p>Durchwahl -{n}</p></div>'
_GRID = (
    "<main><h2>Unser Team</h2><section class=raster>"
    + _CARD.format(name="Annika Vogt", role="Geschäftsführerin", n=10)
    + _CARD.format(name="Jonas Albrecht", role="Leiter Vertrieb", n=11)
    + _CARD.format(name="Wiebke Tjarks", role="Schweißfachkraft", n=12)  # no lexicon knows this trade
    + _CARD.format(name="Hauke Ohlsen", role="Lagerlogistik", n=13)
    + "</section></main>"
)


def test_a_grid_of_cards_of_one_shape_gives_every_card_its_own_title() -> None:
    found = people(_GRID)
    assert found == {
        "Annika Vogt": "Geschäftsführerin",
        "Jonas Albrecht": "Leiter Vertrieb",
        "Wiebke Tjarks": "Schweißfachkraft",
        "Hauke Ohlsen": "Lagerlogistik",
    }
    assert evidence(_GRID)["Hauke Ohlsen"].startswith("[repeated blocks] Hauke Ohlsen / Lagerlogistik")


def test_a_list_of_names_with_titles_no_lexicon_knows_counts_by_repetition() -> None:
    rows = "".join(
        f"<li><p>{name}</p><p>{job}</p><p>{name.split()[0].lower()}@naide.ee</p></li>"
        for name, job in [("Liisa Tamm", "Müügiesindaja"), ("Peeter Kask", "Laohoidja"), ("Kadri Saar", "Raamatupidaja")]
    )
    found = people(f"<main><h2>Meeskond</h2><ul>{rows}</ul></main>", "https://www.naide.ee/meeskond")
    assert found == {"Liisa Tamm": "Müügiesindaja", "Peeter Kask": "Laohoidja", "Kadri Saar": "Raamatupidaja"}


def test_a_testimonial_wall_of_the_same_shape_gives_no_people() -> None:
    quotes = "".join(
        f'<div class="stimme"><p>„{text}“</p><h4>{name}</h4><span>{job}</span></div>'
        for text, name, job in [
            ("Schnell und zuverlässig.", "Petra Lange", "Einkaufsleiterin"),
            ("Immer erreichbar.", "Stefan Brandt", "Geschäftsführer"),
            ("Gerne wieder.", "Sabine Roth", "Leiterin Logistik"),
        ]
    )
    assert people(f"<main><h2>Kundenstimmen</h2><section>{quotes}</section></main>") == {}


def test_the_same_name_in_every_block_is_a_label_not_a_team() -> None:
    rows = "".join(f"<div class=kurs><h4>Grundkurs Modul</h4><p>{t}</p></div>" for t in ("Leitung", "Planung", "Vertrieb"))
    assert people(f"<main>{rows}</main>") == {}


def test_a_row_of_names_then_a_row_as_many_titles_pairs_them_in_order() -> None:
    boxes = "".join(
        f'<div style="position:absolute;top:{top}px;left:{left}px"><p>{text}</p></div>'
        for top, texts in ((500, ("Giulia Ferri", "Matteo Conti", "Sara Galli")),
                           (530, ("Architetta titolare", "Geometra", "Responsabile cantiere")))
        for left, text in zip((20, 260, 500), texts, strict=True)
    )  # fmt: skip
    found = people(f"<main><h1>Lo studio</h1>{boxes}</main>", "https://www.studioferri.it/studio")
    assert found == {"Giulia Ferri": "Architetta titolare", "Matteo Conti": "Geometra", "Sara Galli": "Responsabile cantiere"}


def test_a_definition_list_whose_terms_are_names_and_whose_bios_open_with_the_title() -> None:
    board = (
        "<main><h2>Bestyrelse</h2><dl>"
        "<dt>Mette Kjærgaard</dt><dd>Bestyrelsesformand siden 2019. Født 1961. Cand.polit.</dd>"
        "<dt>Søren Vestergaard</dt><dd>Næstformand siden 2021. Født 1970.</dd>"
        "<dt>Line Bach</dt><dd>Medarbejdervalgt siden 2023. Født 1988.</dd>"
        "</dl></main>"
    )
    found = people(board, "https://www.eksempel.dk/bestyrelse")
    assert found == {"Mette Kjærgaard": "Bestyrelsesformand", "Søren Vestergaard": "Næstformand", "Line Bach": "Medarbejdervalgt"}


def test_chinese_cards_with_the_title_before_the_name_count_by_repetition() -> None:
    cards = "".join(
        f"<div class=member><div class=t>{title} {name}</div><p>{bio}</p></div>"
        for title, name, bio in [
            ("董事长", "王建国", "毕业于清华大学。"),
            ("总经理", "李晓红", "负责公司运营。"),
            ("首席科学家", "赵磊", "拥有十项专利。"),  # a title the lexicon does not hold
        ]
    )
    found = people(f"<main><h2>管理团队</h2>{cards}</main>", "https://www.example.cn/about")
    assert found == {"王建国": "董事长", "李晓红": "总经理", "赵磊": "首席科学家"}


def test_a_surname_in_capitals_is_read_in_reading_order() -> None:
    assert nz.person_name("DUPONT, Marie") == "Marie Dupont"
    assert nz.person_name("LEFÈVRE-MARTIN, Jean") == "Jean Lefèvre-Martin"
    assert nz.person_name("NOWAK Krzysztof") == "Krzysztof Nowak"
    assert nz.person_name("Anne LEROY") == "Anne Leroy"
    assert nz.person_name("IBM Research") == "IBM Research"  # no first name after the capitals


def test_cards_with_surnames_in_capitals() -> None:
    rows = "".join(
        f"<li><p>{name}</p><p class=f>{job}</p></li>"
        for name, job in [("MOREAU, Claire", "Gérante"), ("DURAND, Paul", "Directeur technique"), ("ROUSSEL, Inès", "Comptable")]
    )
    found = people(f"<main><h2>L'équipe</h2><ul>{rows}</ul></main>", "https://www.exemple.fr/equipe")
    assert found == {"Claire Moreau": "Gérante", "Paul Durand": "Directeur technique", "Inès Roussel": "Comptable"}


def test_a_hidden_tab_panel_is_read_as_the_page() -> None:
    tabs = (
        "<main><div role=tablist><button role=tab>Představenstvo</button><button role=tab>Dozorčí rada</button></div>"
        "<section role=tabpanel><h2>Představenstvo</h2><p>Předseda představenstva: Jan Novák</p></section>"
        "<section role=tabpanel hidden><h2>Dozorčí rada</h2><p>Předsedkyně dozorčí rady: Eva Svobodová</p></section>"
        "<div hidden><p>Jednatel: Petr Skrytý</p></div></main>"
    )
    found = people(tabs, "https://www.priklad.cz/vedeni")
    assert "Eva Svobodová" in found
    assert "Petr Skrytý" not in found  # a hidden element that is no tab stays hidden


def test_a_title_then_another_firms_name_is_that_firms_person() -> None:
    text = (
        "<main><h1>Pressemitteilung</h1><p>Die Firma wächst.</p>"
        "<p>Pressekontakt: Lena Vogel, Senior Consultant, Hafenlicht Kommunikation</p>"
        "<p>Keynote: Markus Reiter, Vorstandsvorsitzender, Stadtwerke Nordland</p>"
        "<p>Jana Hoff, Geschäftsführerin der Example Firma GmbH</p></main>"
    )
    found = people(text, "https://www.example-firma.de/presse")
    assert "Lena Vogel" not in found and "Markus Reiter" not in found
    assert "Jana Hoff" in found


def test_a_label_after_a_middle_dot_names_its_person() -> None:
    footer = "<footer><p>Musterbau GmbH · HRB 12345 · Geschäftsführerin: Jana Hoff</p></footer>"
    assert people(footer, "https://www.musterbau.de/") == {"Jana Hoff": "Geschäftsführerin"}


def test_names_each_with_a_title_in_brackets_in_one_caption() -> None:
    caption = (
        "<main><figure><img src=/team.jpg alt=''><figcaption>Von links: Anna Weber (Geschäftsführerin), "
        "Tim Roth (Werkstattmeister) und Lea Sommer (Auszubildende)</figcaption></figure></main>"
    )
    found = people(caption, "https://www.weber-werkstatt.de/ueber-uns")
    assert found == {"Anna Weber": "Geschäftsführerin", "Tim Roth": "Werkstattmeister", "Lea Sommer": "Auszubildende"}
    assert people("<main><p>Wir arbeiten mit Jan Berg (Bergmann Consulting) zusammen.</p></main>") == {}
    story = "<main><p>Auf dem Gipfel: Jan Berg (Geschäftsführer, Nordwerk) und Ute Kahl (Vorständin, Südbau).</p></main>"
    assert people(story) == {}  # another firm's titles, in a story's caption


def test_a_boards_members_in_the_plural_label_their_names() -> None:
    found = people("<main><p>Membres du conseil : Claire Petit, Marc Blanc</p></main>", "https://www.exemple.fr/gouvernance")
    assert found == {"Claire Petit": "Membres du conseil", "Marc Blanc": "Membres du conseil"}


def test_a_contact_card_with_a_mail_at_another_firm_is_that_firms_person() -> None:
    release = (
        "<main><article><h1>Musterfirma eröffnet Werk</h1><p>Die Musterfirma eröffnet ein Werk.</p>"
        "<h2>Pressekontakt</h2><p>Lena Krause<br>Seniorberaterin, Agentur Nordlicht PR<br>"
        "lena.krause@nordlicht-pr.de<br>+49 40 5555 0101</p>"
        "<h2>Unternehmenskontakt</h2><p>Tom Berg<br>Pressesprecher<br>tom.berg@musterfirma.de</p>"
        "</article></main>"
    )
    found = people(release, "https://www.musterfirma.de/presse/werk")
    assert "Lena Krause" not in found
    assert found.get("Tom Berg") == "Pressesprecher"


def test_the_judge_compares_roles_as_the_normaliser_spells_them() -> None:
    from tests.judge import same_role

    assert same_role("CRO", "Chief Revenue Officer")
    assert same_role("DPO", "Délégué à la protection des données")
    assert not same_role("CFO", "Chief Revenue Officer")


def test_names_one_a_line_after_a_label_that_closes_its_line() -> None:
    imprint = (
        "<main><h1>Legal notice</h1><p>Example Storage plc</p><p>Represented by:</p>"
        "<p>Dr. Helen Price (Chair)</p><p>Oliver Grant</p><p>Prof. Dr.-Ing. Ravi Menon</p>"
        "<p>Registered in England No. 01234567</p></main>"
    )
    found = people(imprint, "https://www.example-storage.co.uk/legal")
    assert {"Helen Price", "Oliver Grant", "Ravi Menon"} <= set(found)
    assert found["Helen Price"] == "Chair"  # her own title, in brackets after her name


def test_a_board_word_under_a_board_label_is_no_ones_name() -> None:
    tabs = "<main><div><button>Bestyrelse</button></div><div><button>Direktion</button></div></main>"
    assert people(tabs, "https://www.eksempel.dk/ledelse") == {}


def test_the_signers_of_a_letter_below_its_closing_formula() -> None:
    letter = (
        "<main><h1>Lettera agli azionisti</h1><p>Gentili azionisti, l'anno appena concluso è stato"
        " ricco di progetti e vi ringraziamo per la fiducia.</p><p>Cordiali saluti,</p>"
        "<p>Francesca Riva</p><p>Amministratrice delegata</p><p>Luca Ferretti</p></main>"
    )
    found = people(letter, "https://www.esempio.it/lettera")
    assert found == {"Francesca Riva": "Amministratrice delegata", "Luca Ferretti": ""}


def test_the_authors_under_a_list_of_posts_are_no_team() -> None:
    posts = "".join(
        f"<article><h3>{title}</h3><p>By {name}</p></article>"
        for title, name in [("Ten tips", "Anna Berg"), ("Why widgets", "Tom Hale"), ("Our roadmap", "Julia Brenner")]
    )
    assert people(f"<main><h2>Latest</h2>{posts}</main>", "https://www.example.com/") == {}


def test_korean_cards_where_a_title_no_lexicon_knows_looks_like_a_name() -> None:
    cards = "".join(
        f"<div class=m><p class=pos>{title}</p><p class=name>{name}</p></div>"
        for name, title in [("김서준", "대표이사"), ("박하은", "부사장"), ("최도윤", "기술고문")]
    )
    found = people(f"<main><h2>임원 소개</h2>{cards}</main>", "https://www.example.co.kr/company")
    assert found == {"김서준": "대표이사", "박하은": "부사장", "최도윤": "기술고문"}


def test_cards_whose_titles_hold_another_firm_are_that_firms_people() -> None:
    winners = "".join(
        f"<div class=w><h4>{name}</h4><p>{title}</p></div>"
        for name, title in [("Sanne Visser", "Directeur, Visser Bouw B.V."), ("Joost Bakker", "CEO bij Techno"),
                            ("Eva de Wit", "Oprichter, De Wit Advies B.V.")]
    )  # fmt: skip
    assert people(f"<main><h2>Winnaars 2024</h2>{winners}</main>", "https://www.prijs.nl/winnaars") == {}


def test_a_headline_above_an_author_and_a_category_is_a_list_of_posts() -> None:
    posts = "".join(
        f"<article><h3>{headline}</h3><p>{name}</p><p>{topic}</p></article>"
        for headline, name, topic in [
            ("Comment nous avons rendu nos chaînes logistiques neutres en carbone en trois ans", "Julie Martin", "Durabilité"),
            ("Pourquoi les pompes à chaleur fonctionnent mieux que prévu dans les bâtiments anciens", "Hugo Lefèvre", "Technique"),
            ("Cinq questions à notre nouvelle responsable de la recherche et du développement", "Emma Girard", "Portraits"),
        ]
    )
    assert people(f"<main><h2>À lire aussi</h2>{posts}</main>", "https://www.exemple.fr/blog/article") == {}


def test_an_events_agenda_of_speakers_is_no_team() -> None:
    slots = "".join(
        f"<div><h4>{time}</h4><p>{name}</p><p>{talk}</p></div>"
        for time, name, talk in [("10:00", "Lucía Romero", "Ponencia inaugural"), ("11:00", "Pablo Ortiz", "Taller"),
                                 ("12:00", "Marta Gil", "Mesa redonda")]
    )  # fmt: skip
    assert people(f"<main><h2>Programa</h2>{slots}</main>", "https://www.ejemplo.es/jornada") == {}


def test_a_name_and_its_title_run_together_in_one_heading() -> None:
    cards = "".join(
        f"<div class=c><h3>{name} <small>{title}</small></h3><p>Algumas palavras sobre o seu trabalho na empresa.</p></div>"
        for name, title in [("Ana Souza", "Diretora Comercial"), ("Rui Matos", "Engenheiro de Software"),
                            ("Inês Costa", "Gestora de Projetos")]
    )  # fmt: skip
    found = people(f"<main><h2>Equipa</h2>{cards}</main>", "https://www.exemplo.pt/equipa")
    assert found == {"Ana Souza": "Diretora Comercial", "Rui Matos": "Engenheiro de Software", "Inês Costa": "Gestora de Projetos"}


def test_a_cjk_section_heading_is_no_ones_name() -> None:
    assert nz.person_name("公司介绍") is None and nz.person_name("会社概要") is None
    assert nz.person_name("王建国") == "王建国" and nz.person_name("山田 太郎") == "山田 太郎"
    page = "<main><h2>关于我们</h2><p>董事长致辞</p><h3>团队介绍</h3><p>总经理</p><p>王建国</p></main>"
    assert people(page, "https://www.example.cn/about") == {"王建国": "总经理"}


def test_a_grid_of_names_without_titles_under_a_team_heading() -> None:
    grid = "".join(f"<div class=m><img src=p.jpg alt=''><p>{name}</p></div>" for name in ("Karin Lund", "Nils Berg", "Sofia Ek"))
    found = people(f"<main><h2>Våra medarbetare</h2><div class=rutnat>{grid}</div></main>", "https://www.exempel.se/om-oss")
    assert found == {"Karin Lund": "", "Nils Berg": "", "Sofia Ek": ""}
    assert people(f"<main><h2>Några av våra kunder</h2><div>{grid}</div></main>", "https://www.exempel.se/") == {}


def test_a_firms_own_partners_and_investor_relations_contacts_are_its_people() -> None:
    partners = "".join(
        f"<div class=p><h4>{name}</h4><p>{title}</p></div>"
        for name, title in [("Chiara Conti", "Socio fondatore"), ("Marco Greco", "Socio"), ("Elena Rizzi", "Avvocata")]
    )
    ir = "".join(
        f"<div class=p><h4>{name}</h4><p>{title}</p></div>"
        for name, title in [("Paolo Neri", "Responsabile Investor Relations"), ("Sara Villa", "Analista")]
    )
    page = f"<main><h2>I nostri soci</h2>{partners}<h2>Rapporti con gli investitori</h2>{ir}</main>"
    found = people(page, "https://www.studioconti.it/chi-siamo")
    assert {"Chiara Conti", "Marco Greco", "Elena Rizzi", "Paolo Neri", "Sara Villa"} <= set(found)


_AUTHOR = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Person",'
    ' "name": "Katrin Vogel", "jobTitle": "Geschäftsführerin"}</script>'
)


def test_a_structured_person_on_a_privacy_policy_is_its_author() -> None:
    policy = "".join(
        f"<p>{n}. Wir verarbeiten personenbezogene Daten nur, soweit es für diesen Zweck nötig ist.</p>" for n in range(6)
    )
    html = f"<html><head>{_AUTHOR}</head><body><main><h1>Datenschutzerklärung</h1>{policy}</main></body></html>"
    obs = extract_page(html.encode(), "https://www.beispiel-firma.de/datenschutz")
    assert [f.value for f in obs.facts if f.field == "person"] == []
    about = f"<html><head>{_AUTHOR}</head><body><main><h1>Über uns</h1><p>Wir bauen Möbel.</p></main></body></html>"
    obs = extract_page(about.encode(), "https://www.beispiel-firma.de/ueber-uns")
    assert [f.value for f in obs.facts if f.field == "person"] == ["Katrin Vogel"]


def test_a_name_set_in_capitals_is_a_name() -> None:
    assert nz.person_name("LUCÍA ROMERO") == "Lucía Romero"
    assert nz.person_name("NUESTRO EQUIPO") is None


def test_a_line_of_a_name_and_a_strong_title_run_together_is_one_person() -> None:
    lines = "<p><span>Lucía Romero</span> <span>CEO</span></p><p><span>Pablo Ortiz</span> <span>Ventas</span></p>"
    found = people(f"<main><h2>Contacto</h2>{lines}</main>", "https://www.ejemplo.es/contacto")
    assert found.get("Lucía Romero") == "CEO"
    assert "Pablo Ortiz Ventas" not in found


def test_two_cards_with_common_trades_pair_by_the_lexicon() -> None:
    cards = "".join(
        f"<div class=kort><h3>{name}</h3><p>{job}</p><p>Ring oss gärna!</p></div>"
        for name, job in [("Karin Lund", "Säljare"), ("Nils Berg", "Projektledare")]
    )
    found = people(f"<main><h2>Kontakt</h2>{cards}</main>", "https://www.exempel.se/kontakt")
    assert found == {"Karin Lund": "Säljare", "Nils Berg": "Projektledare"}


def test_italian_professional_titles_before_a_name_are_left_out() -> None:
    assert nz.person_name("Geom. Paolo Rossi") == "Paolo Rossi"
    assert nz.person_name("Rag. Anna Bruni") == "Anna Bruni"
    assert nz.person_name("Per. Ind. Luca Neri") == "Luca Neri"


def test_reviews_signed_with_an_initial_are_no_team() -> None:
    reviews = "".join(
        f"<div class=r><p>{name}</p><p>{label}</p><p>Tutto perfetto, ordinerò di nuovo.</p></div>"
        for name, label in [("Giulia F.", "Acquisto verificato"), ("Marco C.", "Acquisto verificato"), ("Sara G.", "Cliente abituale")]
    )
    assert people(f"<main><h2>Dicono di noi</h2>{reviews}</main>", "https://www.negozio.it/") == {}


def test_staff_mailing_from_another_domain_than_the_sites_stay_its_people() -> None:
    cards = "".join(
        f"<div class=k><h3>{name}</h3><p>{job}</p><p>{name.split()[0].lower()}@jansenbrood.nl</p></div>"
        for name, job in [("Kees Jansen", "Eigenaar"), ("Mila de Boer", "Bedrijfsleider")]
    )
    found = people(f"<main><h2>Contact</h2>{cards}</main>", "https://www.bakkerij-jansen.nl/contact")
    assert found == {"Kees Jansen": "Eigenaar", "Mila de Boer": "Bedrijfsleider"}


_INLINE = '<div class="membro"><img src="/p.jpg" alt=""><div><span>{name}</span> <span>{role}</span></div></div>'


def test_a_third_name_run_on_with_its_title_stays_in_the_name() -> None:
    """Spans run together ("Maria Conceição Albuquerque Diretora Financeira"): the name ends
    where the title's role word starts, not after two words."""
    html = "<main><h2>Diretoria</h2>" + "".join(
        _INLINE.format(name=n, role=r) for n, r in [
            ("Maria Conceição Albuquerque", "Diretora Financeira"),
            ("João Pedro Figueiredo", "Diretor Comercial"),
            ("Ana Beatriz Moura", "Diretora de Operações"),
        ]
    ) + "</main>"  # fmt: skip
    found = people(html, "https://www.exemplo.com.br/diretoria")
    assert found.get("Maria Conceição Albuquerque") == "Diretora Financeira"
    assert found.get("João Pedro Figueiredo") == "Diretor Comercial"
    assert "Maria Conceição" not in found


def test_an_irish_name_with_a_mutated_word_is_read_whole() -> None:
    """ "Mac an tSaoi", "Ó hUiginn": Irish surnames keep their lower-case prefixed words."""
    html = ("<main><h2>Ár bhFoireann</h2><ul><li>Ciarán Ó hUiginn – Stiúrthóir Bainistíochta</li>"
            "<li>Nuala Mac an tSaoi – Finance Director</li><li>Pádraig de Búrca – Sales Director</li></ul></main>")  # fmt: skip
    found = people(html, "https://www.sampla.ie/foireann")
    assert "Nuala Mac an tSaoi" in found
    assert "Nuala Mac" not in found


def test_a_name_with_the_titles_first_word_run_on_yields_to_the_shorter_reading() -> None:
    """Two readings of one card ("Sofia Lindqvist Tidskrift" / "Sofia Lindqvist", "Tidskrift
    redaktör"): the one ending the name where the title starts is kept, alone."""
    from monitor.extract.people import without_overreach
    from monitor.models import Fact

    facts = [Fact("person", "Sofia Lindqvist", "Tidskrift redaktör", "[card] a"),
             Fact("person", "Sofia Lindqvist Tidskrift", "Redaktör", "[repeated blocks] b"),
             Fact("person", "Erik Berg", "VD", "[card] c")]  # fmt: skip
    assert [f.value for f in without_overreach(facts)] == ["Sofia Lindqvist", "Erik Berg"]


_PLAIN_CARD = '<li><img src="/p.jpg" alt=""><h3>{name}</h3><p>{role}</p></li>'


def test_cards_in_a_script_without_capitals_count_by_their_titles() -> None:
    """Devanagari and Thai names have no capitals: the repeated card and its title vouch."""
    hindi = "<main><h1>प्रबंधन</h1><ul>" + "".join(
        _PLAIN_CARD.format(name=n, role=r) for n, r in [
            ("राजेश कुमार शर्मा", "प्रबंध निदेशक"), ("सुनीता वर्मा", "मुख्य वित्तीय अधिकारी, निदेशक"),
            ("अमित पटेल", "संस्थापक"),
        ]
    ) + "</ul></main>"  # fmt: skip
    found = people(hindi, "https://www.udaharan.in/prabandhan")
    assert {"राजेश कुमार शर्मा", "सुनीता वर्मा", "अमित पटेल"} <= set(found)
    thai = "<main><h1>คณะผู้บริหาร</h1><ul>" + "".join(
        _PLAIN_CARD.format(name=n, role=r) for n, r in [
            ("สมชาย ใจดี", "กรรมการผู้จัดการ"), ("วิภา ศรีสุข", "ผู้อำนวยการฝ่ายการเงิน"),
            ("ประเสริฐ วงศ์ทอง", "ผู้ก่อตั้ง"),
        ]
    ) + "</ul></main>"  # fmt: skip
    found = people(thai, "https://www.tuayang.co.th/team")
    assert {"สมชาย ใจดี", "วิภา ศรีสุข"} <= set(found)
    assert "คณะผู้บริหาร" not in found
