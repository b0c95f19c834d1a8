"""Write the JSON Schemas of content/schemas/ (from content/tags.yaml for the vocabulary).

The schemas help editors (yaml-language-server) complete and check fiches while
an author types. They must never be stricter than the loader (orientation/content/
loading.py): tests/test_schemas.py checks that, and that the files are what this
script writes. The fields of a fiche are the model's (orientation/content/model.py,
`Fiche`): tests/test_fiche_schema.py says which of them fiche_schema lacks or has
too many of, with their optionality and nesting. After changing a field, or the
shipped vocabulary:

    python scripts/make_schemas.py          # rewrite content/schemas/*.json
    python scripts/make_schemas.py --check  # exit 1 if they are out of date

Draft-07, the draft editors support best. Texts accept numbers and booleans
(`title: 2024` is text to the loader, a number to the editor); optional fields
accept null (an empty `description:` is "not given" to the loader).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent / "content"
DRAFT = "http://json-schema.org/draft-07/schema#"
TAG_ID = "^[a-z0-9]+(-[a-z0-9]+)*$"
# Not blank: \s is JavaScript's (editors), which also counts U+FEFF; so does the loader.
VISIBLE = "[^\\s\\ufeff]"
Schema = dict[str, Any]


def text(description: str, optional: bool = False) -> Schema:
    kinds = ["string", "number", "boolean"] + (["null"] if optional else [])
    return {"type": kinds, "pattern": VISIBLE, "description": description}


def texts(description: str) -> Schema:
    return {
        "type": ["array", "null"],
        "items": {"$ref": "#/definitions/text"},
        "description": description,
    }


def integer(low: int, high: int, description: str, optional: bool = True) -> Schema:
    return {
        "type": ["integer", "null"] if optional else "integer",
        "minimum": low,
        "maximum": high,
        "description": description,
    }


def fields(
    properties: Schema, description: str, required: tuple[str, ...] = (), optional: bool = True
) -> Schema:
    schema: Schema = {
        "type": ["object", "null"] if optional else "object",
        "description": description,
        "additionalProperties": False,
        "properties": properties,
    }
    if required:
        schema["required"] = list(required)
    return schema


def identifier(description: str) -> Schema:
    # `1e-5` is a number to a YAML 1.2 editor, yet a valid slug to the loader.
    return {"type": ["string", "number", "boolean"], "pattern": TAG_ID, "description": description}


def fiche_schema(tags: dict[str, Any]) -> Schema:
    tag_weight = fields(
        {
            "weight": integer(
                0,
                3,
                "3 : le cœur du métier ; 2 : une part importante ; 1 : présent mais "
                "secondaire ; 0 : la source n'en dit rien.",
                optional=False,
            ),
            "why": text("Justification tirée du document source."),
        },
        "Poids et justification.",
        required=("weight", "why"),
        optional=False,
    )
    salary = fields(
        {
            "amount": integer(0, 1_000_000, "Montant unique, en euros (sinon min et max)."),
            "min": integer(0, 1_000_000, "Bas de la fourchette, en euros."),
            "max": integer(0, 1_000_000, "Haut de la fourchette, en euros."),
            "period": {
                "enum": ["month", "year"],
                "description": "month (par mois) ou year (par an).",
            },
            "basis": {
                "enum": ["gross", "net", None],
                "description": "gross (brut) ou net ; à omettre si la source ne le dit pas.",
            },
            "stage": {
                "enum": ["start", "mid", "end", None],
                "description": "start, mid ou end : début, milieu ou fin de carrière.",
            },
            "source": text("Qui publie ce chiffre."),
            "date": text("Date du chiffre, si la source la donne.", optional=True),
            "note": text("Ce que représente le chiffre.", optional=True),
        },
        "Un chiffre de salaire.",
        required=("period", "source"),
        optional=False,
    )
    salary["anyOf"] = [{"required": ["amount"]}, {"required": ["min", "max"]}]
    level = fields(
        {
            "min": integer(0, 8, "Niveau minimum (Bac+N), tel que la source le donne."),
            "max": integer(0, 8, "Niveau maximum (Bac+N)."),
            "derived": {
                "enum": ["nomenclature", "diplomas", "editorial", None],
                "description": "À omettre si la source donne le niveau en bac +N ; "
                "nomenclature : converti d'une ancienne nomenclature (niveaux I, II…) ; "
                "diplomas : déduit des diplômes que cite la source ; editorial : la source "
                "ne dit rien, c'est le niveau du diplôme officiel du métier (avec une note "
                "de la rédaction datée qui le nomme).",
            },
            "wording": text(
                "Les mots de la source pour ce niveau (« niveaux I à II », « post-bac »).",
                optional=True,
            ),
        },
        "Niveau d'études Bac+N.",
    )
    date = {
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "description": "Date AAAA-MM-JJ.",
    }
    confusion = fields(
        {
            "with": text("Le métier ou l'organisme avec lequel on le confond."),
            "note": text("Ce qui les distingue, en une ou deux phrases."),
            "names": texts(
                "Noms qui désignent l'autre métier : orientation show les signale au lieu "
                "d'ouvrir la fiche."
            ),
            "editorial": {
                **date,
                "type": ["string", "null"],
                "description": "Date AAAA-MM-JJ, si la remarque vient de la rédaction et non "
                "de la source (elle est alors marquée NDLR).",
            },
            "lookalike": {
                "type": ["boolean", "null"],
                "description": "true si les deux noms se ressemblent : l'écran des résultats "
                "du quiz le rappelle à côté du métier.",
            },
        },
        "Un métier ou un organisme à ne pas confondre avec celui-ci.",
        required=("with", "note"),
        optional=False,
    )
    editorial = fields(
        {
            "field": text(
                "La rubrique concernée : education.level, education.diplomas, salary, "
                "salary[N], publics, environment.structures, employers, related, career, "
                "confusions[N]."
            ),
            "note": text("La note : un fait public qui aide à lire la source."),
            "date": {**date, "description": "Date AAAA-MM-JJ de la note."},
            "figure": text(
                "Le repère daté que cite la note (reperes.yaml : smic) ; l'outil l'écrit "
                "après la note, avec sa date et sa source.",
                optional=True,
            ),
        },
        "Une note de la rédaction, datée (affichée avec la mention NDLR).",
        required=("field", "note", "date"),
        optional=False,
    )
    section = fields(
        {
            "heading": text("Titre de la rubrique."),
            "items": {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/definitions/text"},
                "description": "Les faits, un par ligne.",
            },
        },
        "Une rubrique.",
        required=("heading", "items"),
        optional=False,
    )
    source = fields(
        {
            "document": text("Nom du document source."),
            "title": text("Son titre."),
            "site": text("Le type de site (site d'orientation, blog d'école…).", optional=True),
            "notes": texts(
                "Ce qui a été écarté (et pourquoi), ce que le document ne renseigne pas."
            ),
        },
        "Un document source.",
        required=("document", "title"),
        optional=False,
    )
    properties: Schema = {
        "slug": identifier(
            "Identifiant : le nom du fichier sans .yaml (minuscules sans accents, chiffres "
            "et tirets)."
        ),
        "title": text(
            "Intitulé en écriture inclusive, par exemple : Chargé·e d'insertion sociale."
        ),
        "aliases": texts(
            "Autres noms pour retrouver le métier (formes masculine et féminine, sigles) ; "
            "uniques dans tout le catalogue."
        ),
        "search_only": texts(
            "Noms pour la recherche seulement, jamais affichés (une faute de la source par "
            "exemple) ; uniques dans tout le catalogue."
        ),
        "confusions": {
            "type": ["array", "null"],
            "description": "Ne pas confondre : métiers ou organismes proches par le nom.",
            "items": confusion,
        },
        "editorial": {
            "type": ["array", "null"],
            "description": "Notes de la rédaction : faits publics qui aident à lire la source "
            "(nouveau nom d'un organisme, SMIC…), chacun daté.",
            "items": editorial,
        },
        "brief": fields(
            {
                "publics": text("Les publics, en une ligne courte.", optional=True),
                "places": text("Les lieux d'exercice, en une ligne courte.", optional=True),
            },
            "Lignes courtes pour « L'essentiel ».",
        ),
        "summary": text("Une phrase (160 caractères au plus) qui dit à quoi sert le métier."),
        "description": text(
            "Deux ou trois courts paragraphes, séparés par une ligne vide.", optional=True
        ),
        "missions": texts("Les missions, une par ligne, commençant par un verbe à l'infinitif."),
        "skills": fields(
            {
                "technical": texts("Compétences techniques."),
                "interpersonal": texts("Qualités relationnelles et personnelles."),
            },
            "Compétences.",
        ),
        "education": fields(
            {
                "level": level,
                "diplomas": texts("Diplômes cités par la source, avec leur intitulé."),
                "notes": texts(
                    "Remarques sur la formation (alternance, formations complémentaires…)."
                ),
            },
            "Formation.",
        ),
        "experience": texts("Expérience demandée."),
        "environment": fields(
            {
                "structures": texts("Types de structures où s'exerce le métier."),
                "workplace": text("Bureau, terrain, ou les deux.", optional=True),
                "travel": text("Déplacements.", optional=True),
                "notes": texts("Équipe, rattachement hiérarchique, statut…"),
            },
            "Conditions de travail.",
        ),
        "publics": texts("Publics accompagnés."),
        "career": texts("Évolutions de carrière."),
        "related": texts("Métiers proches cités par la source."),
        "advantages": texts("Avantages."),
        "drawbacks": texts("Inconvénients."),
        "employers": texts("Employeurs nommés (CCAS, Croix-Rouge…)."),
        "salary": {
            "type": ["array", "null"],
            "items": {"$ref": "#/definitions/salary"},
            "description": "Chiffres de salaire, chacun tel que la source le donne.",
        },
        "tags": {
            "type": "object",
            "minProperties": 1,
            "description": "Centres d'intérêt du métier (identifiants de tags.yaml), chacun "
            "avec un poids de 0 à 3 et sa justification.",
            "propertyNames": {"pattern": TAG_ID},
            # The shipped vocabulary, for completion; any other id is the loader's to judge.
            "properties": {
                tag_id: {
                    "$ref": "#/definitions/tagWeight",
                    "description": f"{tag['label']} : {tag['description']}",
                }
                for tag_id, tag in tags.items()
            },
            "additionalProperties": {"$ref": "#/definitions/tagWeight"},
        },
        "sections": {
            "type": ["array", "null"],
            "description": "Autres faits de la source, sous un titre.",
            "items": section,
        },
        "sources": {
            "type": "array",
            "minItems": 1,
            "description": "Les documents d'où vient la fiche.",
            "items": source,
        },
        "rome": {
            "type": ["array", "null"],
            "description": "Les codes ROME 4.0 les plus proches (le plus proche d'abord), choisis "
            "par la rédaction et datés ; chacun doit figurer dans rome.yaml avec le même intitulé.",
            "items": fields(
                {
                    "code": {
                        **text("Le code : une lettre de A à N et quatre chiffres (K1201)."),
                        "pattern": "^[A-N][0-9]{4}$",
                    },
                    "label": text("Son intitulé dans le ROME (« Action sociale »)."),
                    "date": {**date, "description": "Date AAAA-MM-JJ de la vérification."},
                    "why": text("Pourquoi ce code est le plus proche, d'après le document."),
                },
                "Un code ROME, choisi par la rédaction.",
                required=("code", "label", "date", "why"),
            ),
        },
    }
    return {
        "$schema": DRAFT,
        "title": "Fiche métier",
        "description": "Une fiche métier de orientation (fiches/IDENTIFIANT.yaml). Guide : "
        "docs/content.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["slug", "title", "summary", "tags", "sources"],
        "properties": properties,
        "definitions": {
            "text": text("Un texte non vide."),
            "tagWeight": tag_weight,
            "salary": salary,
        },
    }


def tags_schema() -> Schema:
    return {
        "$schema": DRAFT,
        "title": "Centres d'intérêt",
        "description": "Le vocabulaire contrôlé des centres d'intérêt (tags.yaml) : "
        "identifiant, libellé, description.",
        "type": "object",
        "minProperties": 3,
        "propertyNames": {"pattern": TAG_ID},
        "additionalProperties": fields(
            {
                "label": text("Libellé court, affiché partout."),
                "description": text("Une phrase qui dit ce que recouvre ce centre d'intérêt."),
            },
            "Un centre d'intérêt.",
            required=("label", "description"),
            optional=False,
        ),
    }


def questions_schema(tags: dict[str, Any]) -> Schema:
    load = {"type": "integer", "minimum": 1, "maximum": 2}
    return {
        "$schema": DRAFT,
        "title": "Questions du quiz",
        "description": "Les questions du quiz (questions.yaml) : une activité à noter, qui "
        "mesure un ou deux centres d'intérêt.",
        "type": "array",
        "minItems": 1,
        "items": fields(
            {
                "id": identifier(
                    "Identifiant stable de la question (minuscules, chiffres et tirets)."
                ),
                "text": text("L'activité à noter, en une phrase."),
                "tags": {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 2,
                    "propertyNames": {"pattern": TAG_ID},
                    "description": "Un ou deux centres d'intérêt mesurés : 2 (principalement) "
                    "ou 1 (en partie).",
                    "properties": {
                        tag_id: {**load, "description": tag["label"]}
                        for tag_id, tag in tags.items()
                    },
                    "additionalProperties": load,
                },
            },
            "Une question.",
            required=("id", "text", "tags"),
            optional=False,
        ),
    }


def glossary_schema() -> Schema:
    term = fields(
        {
            "definition": text(
                "Une ligne courte, qu'un ou une élève de 15 ans comprend ; des faits publics "
                "et sûrs."
            ),
            "forms": texts(
                "Comment les textes l'écrivent : mots entiers, majuscules comprises (par "
                "défaut : le terme lui-même)."
            ),
            "today": text(
                "Organisme ou diplôme renommé : son nom actuel (avec since).", optional=True
            ),
            "since": text(
                "Depuis quand il porte ce nom, tel que la suite de « depuis » : 1er janvier "
                "2024, la rentrée 2021, 2015.",
                optional=True,
            ),
            "checked": {
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "description": "Date où l'entrée a été écrite ou vérifiée (AAAA-MM-JJ).",
            },
        },
        "Un terme et sa définition.",
        required=("definition", "checked"),
        optional=False,
    )
    # today and since go together.
    term["dependencies"] = {"today": ["since"], "since": ["today"]}
    return {
        "$schema": DRAFT,
        "title": "Glossaire",
        "description": "Les sigles et mots techniques des fiches, chacun expliqué en une ligne "
        "(glossaire.yaml). Guide : docs/content.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["terms"],
        "properties": {
            "terms": {
                "type": "object",
                "description": "Les termes : le nom du terme, puis sa définition.",
                "propertyNames": {"pattern": VISIBLE},
                "additionalProperties": term,
            },
            "watch": texts(
                "Les termes qu'une fiche ne peut employer que s'ils sont définis dans terms "
                "(orientation check le vérifie)."
            ),
        },
        "definitions": {"text": text("Un texte non vide.")},
    }


def schemas(tags: dict[str, Any]) -> dict[str, Schema]:
    return {
        "fiche": fiche_schema(tags),
        "tags": tags_schema(),
        "questions": questions_schema(tags),
        "glossaire": glossary_schema(),
    }


def main(argv: list[str]) -> int:
    tags = yaml.safe_load((ROOT / "tags.yaml").read_text(encoding="utf-8"))
    stale = []
    for name, schema in schemas(tags).items():
        path = ROOT / "schemas" / f"{name}.schema.json"
        data = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        if "--check" not in argv:
            path.write_text(data, encoding="utf-8")
        elif not path.is_file() or path.read_text(encoding="utf-8") != data:
            stale.append(path.name)
    if stale:
        print("schémas périmés : " + ", ".join(stale) + " (relancer scripts/make_schemas.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
