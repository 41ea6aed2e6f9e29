# ruff: noqa: E501  (generated: one text per line, as the framework file words it)
"""The default framework's texts, for the translation catalogues (makemessages reads this
file; ``texts.tr`` looks each text up at display time). Generated from
``frameworks/default.toml``; ``tests/test_framework_strings.py`` keeps the two in step."""

from django.utils.translation import gettext_noop

STRINGS = [
    gettext_noop("Structure of the cluster"),
    gettext_noop("Management team"),
    gettext_noop("Governance"),
    gettext_noop("Cooperation"),
    gettext_noop("Financing"),
    gettext_noop("Strategy"),
    gettext_noop("Services"),
    gettext_noop("Achievements and recognition"),
    gettext_noop("Committed participants"),
    gettext_noop(
        "Participants that signed a written agreement (membership contract or charter) stating their benefits and duties."
    ),
    gettext_noop("registry"),
    gettext_noop(
        "A minimum of 40 committed participants is needed for a nurturing ground of ideas and projects. Ask every active participant to sign the membership agreement, and recruit where the value chain has gaps."
    ),
    gettext_noop("Share of participants that are committed"),
    gettext_noop("Committed participants among all current participants (former ones excluded)."),
    gettext_noop(
        "At least 80 % of the participants should be committed, so that the team can focus on their needs. Offer the agreement to the others, or stop counting newsletter readers and one-off event guests as participants."
    ),
    gettext_noop("Industry share of committed participants"),
    gettext_noop("SMEs and large firms among the committed participants."),
    gettext_noop(
        "More than 70 % of the committed participants should come from industry (SMEs and large firms). Recruit companies before adding more support organisations."
    ),
    gettext_noop("Triple helix"),
    gettext_noop(
        "At least one committed research institution, one committed education organisation, and one committed intermediary, public body, finance, marketing or other organisation."
    ),
    gettext_noop(
        "Bring at least one research institution, one education organisation and one intermediary or public body into the committed membership: clusters that interact with intermediaries are better integrated in the innovation system."
    ),
    gettext_noop("Maturity of the cluster organisation"),
    gettext_noop("Whole years since the cluster organisation was founded."),
    gettext_noop("cluster profile"),
    gettext_noop(
        "A cluster organisation normally needs at least four years to reach maturity. Keep the activities going and document them: this indicator improves with time."
    ),
    gettext_noop("Training days of the management team"),
    gettext_noop(
        "Training days in the last 12 months of the staff member with the fewest; every staff member in post needs more than two."
    ),
    gettext_noop("team"),
    gettext_noop(
        "Plan lifelong learning for the team with its own budget: more than two training days a year for every staff member. Cluster management is a profession of its own."
    ),
    gettext_noop("Continuity of the management team"),
    gettext_noop(
        "Two conditions: a job description for every staff member in post, and no post vacant more than 30 days in the last 24 months."
    ),
    gettext_noop(
        "Write a job description for every post, and replace leaving staff immediately, ideally with an overlap so that the work is handed over without a gap."
    ),
    gettext_noop("Clarity of roles and involvement in decisions"),
    gettext_noop(
        "Of six points: statutes defining members' benefits and duties; a legal form; a general manager in office; a general assembly in the last 12 months; a management board mainly of industry representatives elected or nominated by the participants; advisory or scientific boards or thematic committees."
    ),
    gettext_noop("governance"),
    gettext_noop(
        "At least five of the six governance points are needed: statutes with benefits and duties, a legal form, a general manager in office, a yearly general assembly, a board mainly of industry representatives chosen by the participants, and advisory boards or thematic committees."
    ),
    gettext_noop("Participants with a personal contact"),
    gettext_noop(
        "Current participants with a personal contact with the management team in the last 12 months: a visit, a meeting, an extensive exchange by phone, video or mail, or joint work."
    ),
    gettext_noop("engagement"),
    gettext_noop(
        "The team should have a direct personal contact with more than 40 % of the participants a year, and 60 % for excellence. Plan visits to the committed participants not seen this year, and log every contact."
    ),
    gettext_noop("Participants actively involved"),
    gettext_noop(
        "Current participants with at least two days of active involvement in collaborative multimember activities in the last 12 months; SMEs must be among them. Passive attendance does not count."
    ),
    gettext_noop(
        "More than 30 % of the participants, SMEs among them, should take an active part (at least two days) in working groups, projects, delegations, joint trade-fair stands or lecturing. A cluster driven by a few large firms is a lobby, not a cluster."
    ),
    gettext_noop("Active working groups"),
    gettext_noop("Working groups with at least three participants that met in the last 12 months."),
    gettext_noop(
        "Set up working groups on specific issues as a platform for joint projects, and let the participants drive them: the team facilitates rather than doing everything itself."
    ),
    gettext_noop("Budget secured ahead"),
    gettext_noop(
        "Whole months from the assessment date that signed funding commitments cover without a break."
    ),
    gettext_noop("finance"),
    gettext_noop(
        "A robust cluster organisation has its budget secured for the next two years with a positive outlook beyond. Seek multi-year agreements with funders and members."
    ),
    gettext_noop("Private share of the budget"),
    gettext_noop(
        "Income from private sources (membership fees, service fees, events, sponsors, private contracts) in the last closed year's actual budget."
    ),
    gettext_noop(
        "Generate more than 20 % of the budget from private sources. Services that members value, and will pay for, are the way: without them the cluster lives only as long as public funds last."
    ),
    gettext_noop("Kinds of funding source"),
    gettext_noop("Distinct kinds of funding source with income in the last closed year."),
    gettext_noop(
        "Spread the income over at least three kinds of source (for example fees, services and public programmes) so that no single funder decides the cluster's future."
    ),
    gettext_noop("Strategy up to date"),
    gettext_noop("Whole months since the written strategy was last updated."),
    gettext_noop("strategy"),
    gettext_noop(
        "Update the written strategy at least every two years, with the participants (a participatory approach), so that it is the strategy of the members and not of a parent organisation."
    ),
    gettext_noop("Measurable implementation plan"),
    gettext_noop(
        "Actions of this year's implementation plan with a measurable target (an indicator and a target value) and a budget."
    ),
    gettext_noop("plan"),
    gettext_noop(
        "Write the implementation plan with a measurable target and a dedicated budget for every action, fitted to the strategic challenges."
    ),
    gettext_noop("Fulfilment of last year's plan"),
    gettext_noop(
        "Actions of last year's implementation plan with a target whose achieved value reached it."
    ),
    gettext_noop(
        "The fulfilment of last year's implementation plan should be above 80 %: record the achieved value of every action, and set targets the team can reach."
    ),
    gettext_noop("Service areas covered"),
    gettext_noop(
        "Of the four service areas (information and matchmaking; R&D and innovation projects; promotion and internationalisation; human development and entrepreneurship), those with a service delivered in the last 12 months."
    ),
    gettext_noop("services"),
    gettext_noop(
        "65 % of cluster organisations offer too few services or focus on few areas. Deliver at least one service a year in each of the four areas: market intelligence and matchmaking, R&D and innovation projects, promotion and internationalisation, human development and entrepreneurship."
    ),
    gettext_noop("Regularity of activities"),
    gettext_noop(
        "Of the last four completed quarters, those with at least one collaborative activity."
    ),
    gettext_noop(
        "A regular schedule of activities and services is needed for them to have an effect: plan at least one collaborative activity every quarter."
    ),
    gettext_noop("Participant satisfaction survey"),
    gettext_noop("Whole months since the last participant satisfaction survey closed."),
    gettext_noop("surveys"),
    gettext_noop(
        "40 % of clusters never ask their participants what they think. Run a satisfaction survey on the strategy and its implementation at least every two years; it tells you which services members would pay for."
    ),
    gettext_noop("Success stories"),
    gettext_noop(
        "Success stories published in the last 24 months that state the complexity, the impact on most participants, the objectives achieved and the contribution to sustainability."
    ),
    gettext_noop("stories"),
    gettext_noop(
        "Publish success stories that show the complexity of the work, its impact on most participants and on the industry, the objectives achieved and the contribution to the cluster organisation's sustainability."
    ),
    gettext_noop("Web presence"),
    gettext_noop(
        "Three points: a public site in the local language and in English, updated in the last 90 days, with a way to contact. Excellent adds the languages of the target markets."
    ),
    gettext_noop("web presence"),
    gettext_noop(
        "Keep a regularly updated site in the local language and in English, plus the languages of the target markets, with contact details so that visitors can reach the cluster and its participants."
    ),
    gettext_noop("Committed participants in international activities"),
    gettext_noop(
        "Committed participants involved in an international activity in the last 12 months."
    ),
    gettext_noop(
        "Internationalisation is an important issue: take committed participants on delegations, joint trade-fair stands and international projects, and mark those activities as international."
    ),
    gettext_noop("At least 15 committed participants"),
    gettext_noop("At least two participant categories"),
    gettext_noop("A management team of at least 0.5 full-time equivalent"),
    gettext_noop("A public web presence in English"),
    gettext_noop("When did your last participant satisfaction survey close?"),
    gettext_noop(
        "The survey on the strategy, its implementation and the services. Attach its results as evidence."
    ),
    gettext_noop(
        "When did you last deliver a service in information, market intelligence or matchmaking?"
    ),
    gettext_noop("For example a market report, a matchmaking event, a B2B meeting day."),
    gettext_noop("When did you last deliver a service initiating R&D or innovation projects?"),
    gettext_noop("For example project structuring, a consortium built, a proposal supported."),
    gettext_noop(
        "When did you last deliver a service promoting the cluster or internationalisation?"
    ),
    gettext_noop("For example a trade delegation, a joint stand, a promotion campaign abroad."),
    gettext_noop("When did you last deliver a service in human development or entrepreneurship?"),
    gettext_noop("For example a training course, coaching, support to start-ups."),
    gettext_noop("Which cluster-management excellence label does the organisation hold?"),
    gettext_noop(
        "Give the date of the award as the answer's date: the readiness page shows how long it stays valid."
    ),
]
