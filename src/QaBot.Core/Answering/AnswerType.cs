namespace QaBot.Core.Answering;

/// <summary>What kind of thing a question asks for, read off its wording.</summary>
public enum AnswerType
{
    /// <summary>Anything ("what did … say about …").</summary>
    Any,

    /// <summary>"Who …" — the sentence must name someone.</summary>
    Person,

    /// <summary>"When …", "on what day …" — the sentence must hold a date or time.</summary>
    Date,

    /// <summary>"How many / how much …" — the sentence must hold a number.</summary>
    Number,

    /// <summary>"Where …", "in which city …" — the sentence must name a place.</summary>
    Place,

    /// <summary>"What does ABC stand for" — the sentence must spell out the acronym.</summary>
    Expansion,
}
